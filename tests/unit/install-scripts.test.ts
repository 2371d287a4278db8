/**
 * `npm ci` runs install scripts only for the packages the project has reviewed (issue #13, "The tools work on
 * the demo"): package.json#allowScripts names exactly the locked packages that have install scripts, so a fresh
 * install prints no "install scripts not yet covered by allowScripts" warning, and `.npmrc` turns any package
 * not named there into a failed install instead of a script that runs with a notice (npm 11's
 * strict-allow-scripts; https://docs.npmjs.com/cli/v11/commands/npm-approve-scripts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../support/import-graph';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { allowScripts?: Record<string, boolean> };
const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { hasInstallScript?: boolean }> };

/** `node_modules/a/node_modules/@scope/b` → `@scope/b`. */
const packageName = (path: string): string => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);

test('allowScripts names exactly the locked packages with install scripts', () => {
  const withScripts = Object.entries(lock.packages)
    .filter(([path, entry]) => path !== '' && entry.hasInstallScript)
    .map(([path]) => packageName(path));
  expect(withScripts.length).toBeGreaterThan(0);
  // Name-only entries: this project's lockfiles carry no `resolved` URL, and npm matches a pinned
  // `name@version` entry only against the version in that URL (npm-approve-scripts, "no resolved URL").
  expect(Object.keys(pkg.allowScripts ?? {}).sort()).toEqual([...new Set(withScripts)].sort());
  expect(Object.values(pkg.allowScripts ?? {}).every((allowed) => allowed === true)).toBe(true);
});

test('any other package with an install script fails the install instead of running it', () => {
  const npmrc = readFileSync(join(ROOT, '.npmrc'), 'utf8');
  const settings = npmrc
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  expect(settings).toContain('strict-allow-scripts=true');
  expect(settings.some((line) => /^(ignore-scripts|dangerously-allow-all-scripts)\s*=\s*true$/.test(line))).toBe(false);
});
