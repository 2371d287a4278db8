/**
 * What the task pane's chunks are made of: builds the add-in (into a temporary directory) and prints, for
 * each chunk, its gzipped size, whether the HTML loads it, imports it statically or only through import(),
 * and its largest packages or source folders. Module sizes are each module's own gzipped rendered code, so
 * they add up to more than the chunk (gzip shares across modules); they rank, they do not sum.
 * Usage: tsx addin/scripts/bundle-composition.ts [top N per chunk, default 12]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Plugin, Rollup } from 'vite';
import { buildAddin } from './build-addin';

const ROOT = resolve(__dirname, '../..');
const gzKb = (code: string) => Math.round(gzipSync(code, { level: 9 }).length / 102.4) / 10;

/** `@scope/name` or `name` for a package; the first two folders for the project's own code. */
function groupOf(id: string): string {
  const nm = id.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const parts = id.slice(nm + 'node_modules/'.length).split('/');
    return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  return relative(ROOT, id).split('/').slice(0, 2).join('/');
}

async function main(): Promise<void> {
  const top = Number(process.argv[2] ?? 12);
  const chunks: Rollup.OutputChunk[] = [];
  const collect: Plugin = {
    name: 'calsync-composition',
    generateBundle(_options, bundle) {
      for (const item of Object.values(bundle)) if (item.type === 'chunk') chunks.push(item);
    },
  };
  const outDir = mkdtempSync(join(tmpdir(), 'calsync-composition-'));
  try {
    await buildAddin({ outDir, panePlugins: [collect], config: { clientId: 'composition', apiScope: 'api://composition/Rules.ReadWrite' } });
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
  // What the task pane page loads before any import(): its entry and the entry's static imports, transitively.
  const byName = new Map(chunks.map((c) => [c.fileName, c]));
  const initial = new Set<string>();
  const queue = chunks.filter((c) => c.isEntry && c.facadeModuleId?.endsWith('taskpane.html')).map((c) => c.fileName);
  while (queue.length > 0) {
    const name = queue.pop()!;
    if (initial.has(name)) continue;
    initial.add(name);
    queue.push(...(byName.get(name)?.imports ?? []));
  }
  const initialKb = [...initial].reduce((n, f) => n + gzKb(byName.get(f)!.code), 0);
  console.log(`task pane before any import(): ${initialKb.toFixed(1)} KB gz in ${initial.size} chunks`);
  for (const chunk of chunks.sort((a, b) => b.code.length - a.code.length)) {
    const kind = initial.has(chunk.fileName) ? 'initial' : chunk.isEntry ? 'entry' : chunk.isDynamicEntry ? 'import()' : 'shared by import()ed chunks';
    const imports = chunk.imports.filter((f) => !initial.has(f));
    console.log(`${chunk.fileName}  ${gzKb(chunk.code)} KB gz  (${kind}${imports.length > 0 ? `; also needs ${imports.join(', ')}` : ''})`);
    const groups = new Map<string, number>();
    for (const [id, mod] of Object.entries(chunk.modules)) groups.set(groupOf(id), (groups.get(groupOf(id)) ?? 0) + (mod.code ? gzKb(mod.code) : 0));
    for (const [group, kb] of [...groups].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${kb.toFixed(1).padStart(6)}  ${group}`);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
