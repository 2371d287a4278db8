/**
 * The sandbox is a package of its own: its package.json names every package its sources and tests import, at the
 * versions the repository installs, and its sources import nothing of CalSync (lint fences that too; this reads
 * the files as a packager would).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative, resolve } from 'node:path';

const PACKAGE_DIR = resolve(__dirname, '..');
const REPO_ROOT = resolve(PACKAGE_DIR, '..');

interface PackageJson {
  name: string;
  main: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}
const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as PackageJson;
const own = readJson(join(PACKAGE_DIR, 'package.json'));
const repo = readJson(join(REPO_ROOT, 'package.json'));

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => join(e.parentPath, e.name));

const SPECIFIER = /(?:from|import\()\s*'([^']+)'/g;
const specifiers = (files: string[]) => files.flatMap((f) => [...readFileSync(f, 'utf8').matchAll(SPECIFIER)].map((m) => ({ file: f, spec: m[1]! })));
/** '@scope/name/sub' → '@scope/name', 'name/sub' → 'name'. */
const packageOf = (spec: string) =>
  spec
    .split('/')
    .slice(0, spec.startsWith('@') ? 2 : 1)
    .join('/');
const isBuiltin = (spec: string) => spec.startsWith('node:') || builtinModules.includes(spec);

const sources = specifiers(sourceFiles(join(PACKAGE_DIR, 'src')));
const tests = specifiers(sourceFiles(join(PACKAGE_DIR, 'tests')));

test('its entry point exports startGraphSandbox', async () => {
  const entry = (await import(join(PACKAGE_DIR, own.main))) as Record<string, unknown>;
  expect(typeof entry.startGraphSandbox).toBe('function');
});

test('every package the sources import is a dependency; every package the tests import is declared', () => {
  const used = (list: typeof sources) => [...new Set(list.filter((s) => !s.spec.startsWith('.') && !isBuiltin(s.spec)).map((s) => packageOf(s.spec)))].sort();
  const declared = { ...own.dependencies, ...own.devDependencies };
  // Types-only imports (graph-types) may sit in devDependencies: they are erased from the sources.
  expect(used(sources).filter((p) => !(p in declared))).toEqual([]);
  expect(used(tests).filter((p) => !(p in declared))).toEqual([]);
});

test('its versions are the ones the repository installs', () => {
  const installed = { ...repo.dependencies, ...repo.devDependencies };
  for (const [name, range] of Object.entries({ ...own.dependencies, ...own.devDependencies })) expect([name, installed[name]]).toEqual([name, range]);
});

test('relative imports stay inside the package, except the zones library', () => {
  const outside = [...sources, ...tests]
    .filter((s) => s.spec.startsWith('.'))
    .map((s) => relative(REPO_ROOT, resolve(s.file, '..', s.spec)))
    .filter((target) => !target.startsWith('graph-sandbox/') && target !== 'zones' && !target.startsWith('zones/'));
  expect(outside).toEqual([]);
});
