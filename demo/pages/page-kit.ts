/**
 * Small helpers both demo pages use: building DOM without innerHTML (event subjects are data, never markup),
 * readable text on a category colour, and fetch-with-ETag polling.
 */

type Child = Node | string | null | undefined | false;

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | undefined> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) if (value !== undefined) node.setAttribute(name, value);
  for (const child of children) if (child) node.append(child);
  return node;
}

function luminance(hex: string): number {
  const channel = (i: number): number => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** Black or white, whichever contrasts more with the colour: at least 4.58:1 for any colour (WCAG AA). */
export function textOn(hex: string): '#000000' | '#ffffff' {
  const l = luminance(hex);
  return (l + 0.05) / 0.05 >= 1.05 / (l + 0.05) ? '#000000' : '#ffffff';
}

export function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase() ?? '')
    .join('');
}

export interface Poller {
  /** Fetches now (and on every tick); `onData` runs only when the answer changed. */
  refresh(): Promise<void>;
  stop(): void;
}

/** Polls a JSON URL every `intervalMs` while the page is visible, sending the last ETag back. */
export function poll<T>(url: () => string, intervalMs: number, onData: (data: T) => void, onError: (message: string) => void): Poller {
  let etag: string | null = null;
  let lastUrl = '';
  let timer: number | undefined;
  let inFlight = false;
  async function refresh(): Promise<void> {
    if (inFlight) return;
    inFlight = true;
    try {
      const target = url();
      if (target !== lastUrl) etag = null;
      lastUrl = target;
      const res = await fetch(target, { headers: etag ? { 'If-None-Match': etag } : {}, cache: 'no-store' });
      if (res.status === 304) return;
      if (!res.ok) throw new Error(`the demo server answered ${res.status}`);
      etag = res.headers.get('ETag');
      onData((await res.json()) as T);
    } catch (err) {
      onError(err instanceof Error ? err.message : String(err));
    } finally {
      inFlight = false;
    }
  }
  const tick = (): void => {
    if (document.visibilityState === 'visible') void refresh();
  };
  timer = window.setInterval(tick, intervalMs);
  document.addEventListener('visibilitychange', tick);
  return {
    refresh,
    stop() {
      window.clearInterval(timer);
      timer = undefined;
      document.removeEventListener('visibilitychange', tick);
    },
  };
}
