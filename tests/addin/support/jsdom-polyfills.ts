/**
 * jsdom lacks ResizeObserver, which Fluent's MessageBar uses to decide when to wrap its actions. A no-op
 * observer is what a pane that never resizes would see.
 */
class NoopResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}

export function installJsdomPolyfills(): void {
  const w = globalThis as { ResizeObserver?: unknown };
  w.ResizeObserver ??= NoopResizeObserver;
}

installJsdomPolyfills();
