/**
 * The demo's token issuer signs anyone in as an admin; it must never be reachable from `npm run serve`.
 * Walks the relative imports of server/main.ts (the production entry) and checks none reaches server/demo/.
 * The same walk from the demo's entry does reach the issuer, so the walk itself can see such an import.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
const IMPORT = /(?:import|export)\s[^'"]*?from\s+['"](\.[^'"]+)['"]|import\s+['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)|require\(\s*['"](\.[^'"]+)['"]\s*\)/g;

function resolveModule(from: string, spec: string): string | null {
  const base = resolve(dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) {
    if (existsSync(candidate) && candidate.match(/\.tsx?$/)) return candidate;
  }
  return null;
}

function reachable(entry: string): Set<string> {
  const seen = new Set<string>();
  const queue = [resolve(ROOT, entry)];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const m of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const spec = m[1] ?? m[2] ?? m[3] ?? m[4];
      const target = spec ? resolveModule(file, spec) : null;
      if (target) queue.push(target);
    }
  }
  return new Set([...seen].map((f) => relative(ROOT, f)));
}

test('npm run serve (server/main.ts) imports nothing from server/demo', () => {
  const files = reachable('server/main.ts');
  expect(files.has('server/app.ts')).toBe(true);
  expect([...files].filter((f) => f.startsWith('server/demo/'))).toEqual([]);
});

test('the walk does find the issuer from the demo entry', () => {
  expect(reachable('server/demo/main.ts').has('server/demo/demo-issuer.ts')).toBe(true);
});
