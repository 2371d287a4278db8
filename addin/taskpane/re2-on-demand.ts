/**
 * RE2 on demand. The task pane's build resolves the engine's `re2js` import (shared/compile.ts) to this
 * module: RE2 is 44 KB gzipped, and only rules with a `matches` condition need it, so it loads when such a
 * rule is on screen (use-pattern-preview.ts), not with the pane. The editor's validator imports the real
 * re2js itself (its chunk is lazy anyway). Outside that build (jest, the server) the engine uses re2js directly.
 */
const importRe2 = () => import('re2js');
/** re2js's RE2JS class, as import() gives it. */
type RealRE2 = Awaited<ReturnType<typeof importRe2>>['RE2JS'];

let real: RealRE2 | null = null;
let loading: Promise<void> | null = null;

export function re2Ready(): boolean {
  return real !== null;
}

export function loadRe2(): Promise<void> {
  loading ??= importRe2().then(
    (m) => {
      real = m.RE2JS;
    },
    (err: unknown) => {
      loading = null; // a failed fetch may be retried by the next render that needs RE2
      throw err;
    },
  );
  return loading;
}

/** The part of re2js's RE2JS the engine uses. Compiling before loadRe2() has resolved is a bug: it throws. */
export const RE2JS = {
  CASE_INSENSITIVE: 1, // re2js's own value; the engine passes it straight back to compile()
  compile(pattern: string, flags?: number): ReturnType<RealRE2['compile']> {
    if (!real) throw new Error('RE2 is not loaded yet: await loadRe2() before compiling a `matches` rule');
    return real.compile(pattern, flags);
  },
};
