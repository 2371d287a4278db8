/**
 * The demo's add-in build (addin/demo/build-demo-addin.ts), made at start when it is missing or older than its
 * sources, so `npm start` on a fresh clone needs no other command. Built in a child process (vite is ESM),
 * into a temporary directory that replaces the old build only once complete: a start interrupted mid-build
 * never leaves a half build that looks fresh. A stamp records the newest source time the build saw.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../server/package-root';

const ROOT = packageRoot();
const BUILD_SCRIPT = join(ROOT, 'addin/demo/build-demo-addin.ts');
/** Everything the demo build reads: the add-in (with the demo swaps), the shared engine and zones, the demo pages, the installed packages. */
const SOURCES = [join(ROOT, 'addin'), join(ROOT, 'shared'), join(ROOT, 'zones'), join(ROOT, 'demo/pages'), join(ROOT, 'package-lock.json')];
/** Not in the build: addin/dist, and the host shim the office.js route reads at start (routes/office-route.ts). */
const SKIP = new Set([join(ROOT, 'addin/dist'), join(ROOT, 'addin/host-shim')]);
const STAMP = '.calsync-demo-build.json';
/** Bumped when the build's layout changes, so older builds are rebuilt. */
const LAYOUT_VERSION = 1;

export class AddinBuildError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AddinBuildError';
  }
}

function newestMtime(path: string): number {
  if (SKIP.has(path) || !existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

export function sourcesMtime(): number {
  return Math.max(...SOURCES.map(newestMtime));
}

/** Why the build in `dir` must be made again, or null when it is current. */
export function staleReason(dir: string, sources = sourcesMtime()): string | null {
  let stamp: { layout?: unknown; sourcesMtime?: unknown };
  try {
    stamp = JSON.parse(readFileSync(join(dir, STAMP), 'utf8')) as typeof stamp;
  } catch {
    return 'no build yet';
  }
  if (stamp.layout !== LAYOUT_VERSION) return 'the build layout changed';
  if (typeof stamp.sourcesMtime !== 'number' || sources > stamp.sourcesMtime) return 'sources changed since the last build';
  if (!existsSync(join(dir, 'taskpane/taskpane.html')) || !existsSync(join(dir, 'demo-pages/team.html'))) return 'the build is incomplete';
  return null;
}

function runBuild(outDir: string, timeoutMs: number): Promise<void> {
  return new Promise((done, fail) => {
    execFile(
      process.execPath,
      [require.resolve('tsx/cli'), BUILD_SCRIPT, outDir],
      { cwd: ROOT, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 },
      (err, _stdout, stderr) => {
        if (err) fail(new AddinBuildError(`building the demo add-in failed: ${err.message}\n${stderr.trim()}`));
        else done();
      },
    );
  });
}

export interface EnsureBuildResult {
  dir: string;
  /** Why it was built, or null when the existing build was current. */
  built: string | null;
}

export async function ensureDemoAddinBuild(dir: string, options: { timeoutMs?: number; onBuild?: (reason: string) => void } = {}): Promise<EnsureBuildResult> {
  const sources = sourcesMtime();
  const reason = staleReason(dir, sources);
  if (!reason) return { dir, built: null };
  options.onBuild?.(reason);
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  try {
    await runBuild(tmp, options.timeoutMs ?? 180_000);
    writeFileSync(join(tmp, STAMP), JSON.stringify({ layout: LAYOUT_VERSION, sourcesMtime: sources, builtAt: new Date().toISOString() }));
    const old = `${dir}.old-${process.pid}`;
    if (existsSync(dir)) renameSync(dir, old);
    renameSync(tmp, dir);
    rmSync(old, { recursive: true, force: true });
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return { dir, built: reason };
}
