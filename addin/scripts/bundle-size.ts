/**
 * Gzipped size of what the task pane loads before its first render: the entry script in taskpane.html,
 * its modulepreloads, and every chunk they import statically (transitively). Chunks reached only through
 * import() (editor, admin, MSAL, validator) are reported apart, as they load on demand.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface BundleSizes {
  initialGzBytes: number;
  initialFiles: string[];
  launchEventGzBytes: number;
}

const gz = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;

/** Static `import … from "./x.js"` and bare `import "./x.js"` in a built chunk; not `import("./x.js")`. */
function staticImports(code: string): string[] {
  const out: string[] = [];
  const re = /(?:^|[;\n}])\s*import\s*(?:[\w*{}\s,$]+from\s*)?["'](\.[^"']+)["']/g;
  for (let m = re.exec(code); m; m = re.exec(code)) out.push(m[1]!);
  return out;
}

export function measureBundles(distDir: string): BundleSizes {
  const htmlPath = join(distDir, 'taskpane', 'taskpane.html');
  const html = readFileSync(htmlPath, 'utf8');
  const roots = [...html.matchAll(/<(?:script[^>]*type="module"[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="([^"]+)"/g)].map((m) => resolve(dirname(htmlPath), m[1]!));
  const seen = new Set<string>();
  const queue = [...roots];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const spec of staticImports(readFileSync(file, 'utf8'))) queue.push(resolve(dirname(file), spec));
  }
  const files = [...seen];
  return {
    initialGzBytes: files.reduce((n, f) => n + gz(f), 0),
    initialFiles: files.map((f) => f.slice(distDir.length + 1)),
    launchEventGzBytes: gz(join(distDir, 'launchevent.js')),
  };
}
