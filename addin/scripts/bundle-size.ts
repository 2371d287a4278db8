/**
 * Sizes of built add-in files, for the bench (tests/bench/addin.bench.ts) and the launch-event bundle's test:
 * gzip at level 9 of the file as served. What the task pane fetches on an open is measured in the browser
 * (the bench), since import() chunks load on a real open too (MSAL, once sign-in starts); `initialFiles` is
 * only the static part of it: the HTML's entry and modulepreloads and their static imports, transitively.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

export function gzBytes(file: string): number {
  return gzipSync(readFileSync(file), { level: 9 }).length;
}

/**
 * Traces of React in built code: every React build (react, react-dom, the JSX runtime) creates its
 * element and fragment symbols with Symbol.for("react.…"), and minifying keeps the string.
 */
export function reactMarkers(code: string): string[] {
  return [...new Set(code.match(/Symbol\.for\(\s*["'`]react\.[\w.]+["'`]\s*\)/g) ?? [])];
}

/** Static `import … from "./x.js"` and bare `import "./x.js"` in a built chunk; not `import("./x.js")`. */
function staticImports(code: string): string[] {
  const out: string[] = [];
  const re = /(?:^|[;\n}])\s*import\s*(?:[\w*{}\s,$]+from\s*)?["'](\.[^"']+)["']/g;
  for (let m = re.exec(code); m; m = re.exec(code)) out.push(m[1]!);
  return out;
}

/** Files reached from `roots` through static imports, transitively, as paths relative to distDir. */
function staticClosure(distDir: string, roots: string[]): string[] {
  const seen = new Set<string>();
  const queue = [...roots];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const spec of staticImports(readFileSync(file, 'utf8'))) queue.push(resolve(dirname(file), spec));
  }
  return [...seen].map((f) => f.slice(distDir.length + 1));
}

/** The task pane's JS that loads before any import(), as paths relative to distDir. */
export function initialFiles(distDir: string): string[] {
  const htmlPath = join(distDir, 'taskpane', 'taskpane.html');
  const html = readFileSync(htmlPath, 'utf8');
  const roots = [...html.matchAll(/<(?:script[^>]*type="module"[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="([^"]+)"/g)].map((m) =>
    resolve(dirname(htmlPath), m[1]!),
  );
  return staticClosure(distDir, roots);
}

/** The chunk of a Fluent theme (addin/taskpane/light-theme.ts or dark-theme.ts) and what it imports statically. */
export function themeFiles(distDir: string, theme: 'light' | 'dark'): string[] {
  const assets = join(distDir, 'assets');
  const chunk = readdirSync(assets).find((f) => f.startsWith(`${theme}-theme-`) && f.endsWith('.js'));
  if (!chunk) throw new Error(`no ${theme} theme chunk in ${assets}`);
  return staticClosure(distDir, [join(assets, chunk)]);
}
