/**
 * The directory holding CalSync's package.json: the repository in a checkout, the install directory in a
 * container. Sources run from server/… and the build from dist/server/…, so no fixed number of '..' fits both.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

function isCalSyncPackage(dir: string): boolean {
  const file = join(dir, 'package.json');
  if (!existsSync(file)) return false;
  return (JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown }).name === 'calsync';
}

export function packageRoot(from: string = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (isCalSyncPackage(dir)) return dir;
    if (dirname(dir) === dir) throw new Error(`no calsync package.json above ${from}`);
  }
}
