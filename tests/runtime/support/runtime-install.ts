/**
 * The runtime installed the way the container's runtime stage installs it (Dockerfile): a clean directory with
 * package.json, the lock, bin/, manifest.xml and the built dist/ (no demo bundle), then
 * `npm ci --omit=dev`. Offline, against the npm cache, so the test never reaches a registry.
 *
 * The install scripts are skipped (--ignore-scripts): offline, better-sqlite3's would fall back to compiling
 * SQLite with node-gyp (6.7 min measured on this 2-core machine, where the container's build stage downloads
 * the prebuilt binary in seconds). Its one native file is copied instead from the development install, which
 * was built for this same node and platform; every JavaScript file still comes from `npm ci --omit=dev`.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { buildRuntime } from '../../../scripts/build-runtime';

export const ROOT = path.resolve(__dirname, '../../..');
const SQLITE_ADDON = 'node_modules/better-sqlite3/build/Release/better_sqlite3.node';

export interface RuntimeInstall {
  dir: string;
  /** Milliseconds each step took, for the report. */
  timings: { buildMs: number; npmCiMs: number };
  remove(): void;
}

export async function installRuntime(): Promise<RuntimeInstall> {
  const dir = mkdtempSync(path.join(tmpdir(), 'calsync-runtime-'));
  try {
    let started = performance.now();
    await buildRuntime(path.join(dir, 'dist'));
    rmSync(path.join(dir, 'dist/demo'), { recursive: true });
    const buildMs = performance.now() - started;
    for (const item of ['package.json', 'package-lock.json', 'bin', 'manifest.xml']) cpSync(path.join(ROOT, item), path.join(dir, item), { recursive: true });
    started = performance.now();
    await promisify(execFile)('npm', ['ci', '--omit=dev', '--offline', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: dir, timeout: 300_000 });
    const npmCiMs = performance.now() - started;
    mkdirSync(path.dirname(path.join(dir, SQLITE_ADDON)), { recursive: true });
    cpSync(path.join(ROOT, SQLITE_ADDON), path.join(dir, SQLITE_ADDON));
    return { dir, timings: { buildMs, npmCiMs }, remove: () => rmSync(dir, { recursive: true, force: true }) };
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}
