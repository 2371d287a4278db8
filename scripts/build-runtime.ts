/**
 * `npm run build:server`: the runtime production runs with plain `node`, no TypeScript loader.
 *
 * - dist/server, dist/shared (and the one add-in file the CLI renders manifests with): exactly the files the
 *   service, worker and CLI entry points reach, transpiled one to one (esbuild, CommonJS), so module
 *   boundaries, `require.main === module` and lazy requires behave as under tsx, which is esbuild too.
 * - dist/demo/main.js: the demo with its Graph sandbox as one bundle, packages external. start-main.ts
 *   requires it only in demo mode; a demo needs the development packages anyway (selfsigned, vite, tsx).
 *
 * The build fails when a service file other than start-main.ts imports demo or sandbox code, so the service
 * cannot start loading it by accident. `tsx scripts/build-runtime.ts [outDir]` (default ./dist); type checking
 * stays with `npm run typecheck`.
 */
import { build, type Plugin } from 'esbuild';
import { copyFileSync, rmSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..');
export const SERVICE_ENTRIES = ['server/main.ts', 'server/worker-main.ts', 'server/start-main.ts', 'server/cli/main.ts'];
const DEMO_ENTRY = 'demo/main.ts';
/** Compiled only into the demo bundle: the demo and the Graph sandbox, each its own folder at the root. */
const isDemoOnly = (file: string): boolean => /^(demo|graph-sandbox)[\\/]/.test(relative(ROOT, file));
/** The one service file allowed to reach the demo: lazily, in demo mode. */
const DEMO_LOADER = 'server/start-main.ts';
const TARGET = 'node20';

/** Marks demo and sandbox imports external and remembers who made them. */
function fenceDemo(reachers: Set<string>): Plugin {
  return {
    name: 'fence-demo',
    setup(b) {
      b.onResolve({ filter: /^\./ }, (args) => {
        const target = resolve(args.resolveDir, args.path);
        if (!isDemoOnly(target) || isDemoOnly(args.importer)) return undefined;
        reachers.add(relative(ROOT, args.importer));
        return { path: args.path, external: true };
      });
    },
  };
}

/** Every source file the entry points load, by following their imports (nothing is written). */
export async function serviceFiles(entries: string[] = SERVICE_ENTRIES): Promise<string[]> {
  const reachers = new Set<string>();
  const result = await build({
    entryPoints: entries.map((e) => join(ROOT, e)),
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'cjs',
    outdir: join(ROOT, 'dist-scan'),
    write: false,
    metafile: true,
    logLevel: 'warning',
    plugins: [fenceDemo(reachers)],
  });
  const stray = [...reachers].filter((f) => f !== DEMO_LOADER);
  if (stray.length > 0) throw new Error(`service files import demo or sandbox code: ${stray.join(', ')}`);
  return Object.keys(result.metafile.inputs).map((f) => join(ROOT, f));
}

export async function buildRuntime(outDir = join(ROOT, 'dist')): Promise<{ serviceFiles: number }> {
  rmSync(outDir, { recursive: true, force: true });
  const entryPoints = await serviceFiles();
  await build({ entryPoints, outdir: outDir, outbase: ROOT, format: 'cjs', platform: 'node', target: TARGET, logLevel: 'warning' });
  await build({
    entryPoints: [join(ROOT, DEMO_ENTRY)],
    outfile: join(outDir, 'demo/main.js'),
    bundle: true,
    packages: 'external',
    format: 'cjs',
    platform: 'node',
    target: TARGET,
    logLevel: 'warning',
  });
  // The bundle's modules share one __dirname; addin/host-shim/host-shim-file.ts finds the shim's files beside it.
  for (const file of ['outlook-host-shim.js', 'outlook-sign-in-shim.js']) copyFileSync(join(ROOT, 'addin/host-shim', file), join(outDir, 'demo', file));
  return { serviceFiles: entryPoints.length };
}

if (require.main === module) {
  const started = performance.now();
  buildRuntime(process.argv[2] ? resolve(process.argv[2]) : undefined).then(
    ({ serviceFiles: n }) => console.log(`build:server: ${n} service files and the demo bundle in ${Math.round(performance.now() - started)} ms`),
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    },
  );
}
