/**
 * One demo per data directory. Two would share one SQLite store but each have its own sandbox, so their sync
 * states would describe different mailboxes; and the demo clears leases at start (fresh-sandbox-state.ts),
 * which is safe only when no other worker uses the store. The lock is a pid file: a file left by a demo that
 * died (its pid is gone) is taken over.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { processAlive } from '../server/demo-connection';

export class DataDirBusyError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(`another CalSync demo (pid ${pid}) is using ${dataDir}; stop it or set CALSYNC_DATA_DIR to another directory`);
    this.name = 'DataDirBusyError';
  }
}

export interface DataDirLock {
  release(): void;
}

export function lockDataDir(dataDir: string): DataDirLock {
  const file = join(dataDir, 'demo.pid');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx' });
      return {
        release: () => {
          try {
            if (readFileSync(file, 'utf8') === String(process.pid)) rmSync(file);
          } catch {
            // Already gone: nothing to release.
          }
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const holder = Number.parseInt(readFileSync(file, 'utf8'), 10);
    if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && processAlive(holder)) throw new DataDirBusyError(dataDir, holder);
    rmSync(file, { force: true });
  }
  throw new Error(`cannot take the demo lock ${file}`);
}
