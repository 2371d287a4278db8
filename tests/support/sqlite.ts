import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface TempDir {
  dir: string;
  /** A fresh database path inside the directory. */
  dbPath(name?: string): string;
  remove(): void;
}

/** A temporary directory for SQLite files; `remove()` deletes it and everything in it. */
export function tempSqliteDir(prefix = 'calsync-test-'): TempDir {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  let n = 0;
  return {
    dir,
    dbPath: (name = `db-${++n}.sqlite`) => path.join(dir, name),
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
