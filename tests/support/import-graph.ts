/**
 * Which source files and packages an entry reaches through its imports, read from the text (no bundler): relative
 * imports are followed, bare ones collected by package name. `dynamic: false` follows only what loads with the
 * entry (static imports; `import type` is erased); `import()` and `require()` are followed too by default.
 */
import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../..');

const STATIC = /^\s*(?:import|export)\s+(?!type\s)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;
const DYNAMIC = /import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g;

function resolveModule(from: string, spec: string): string | null {
  const base = resolve(dirname(from), spec);
  // tsx resolves a ".js" specifier to the ".ts" file beside it.
  const stem = base.replace(/\.js$/, '');
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${stem}.ts`, join(base, 'index.ts')]) {
    if (existsSync(candidate) && /\.[jt]sx?$/.test(candidate)) return candidate;
  }
  return null;
}

function packageName(spec: string): string {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

export interface ImportGraph {
  /** Source files, relative to the repository root. */
  files: Set<string>;
  /** Package name → the first file (relative) that imports it. */
  packages: Map<string, string>;
}

export function importGraph(entry: string, options: { dynamic?: boolean } = {}): ImportGraph {
  const seen = new Set<string>();
  const packages = new Map<string, string>();
  const queue = [resolve(ROOT, entry)];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    const specs = [...text.matchAll(STATIC)].map((m) => m[1]!);
    if (options.dynamic !== false) for (const m of text.matchAll(DYNAMIC)) specs.push((m[1] ?? m[2])!);
    for (const spec of specs) {
      if (spec.startsWith('.')) {
        const target = resolveModule(file, spec);
        if (target) queue.push(target);
      } else if (!spec.startsWith('node:') && !builtinModules.includes(spec)) {
        const name = packageName(spec);
        if (!packages.has(name)) packages.set(name, relative(ROOT, file));
      }
    }
  }
  return { files: new Set([...seen].map((f) => relative(ROOT, f))), packages };
}
