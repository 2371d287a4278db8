/**
 * A production install (`npm ci --omit=dev`) holds only `dependencies`, so everything the server's entries load
 * with them must be there; and what only the add-in bundle or the demo's sandbox uses must not be
 * (issue #12, item 4). Entries: `npm run serve`, the worker, `npm start` and the `calsync` command.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importGraph, ROOT } from '../support/import-graph';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
const ENTRIES = ['server/main.ts', 'server/worker-main.ts', 'server/start-main.ts', 'server/cli/main.ts'];
/** Bundled into the add-in by vite (React, Fluent UI, MSAL) or serving only the sandbox's TLS (selfsigned). */
const BUILD_ONLY = ['react', 'react-dom', '@fluentui/react-components', '@fluentui/react-icons', '@azure/msal-browser', 'selfsigned'];

test.each(ENTRIES)('every package %s loads at start is a runtime dependency', (entry) => {
  const { packages } = importGraph(entry, { dynamic: false });
  expect(packages.size).toBeGreaterThan(3);
  const missing = [...packages].filter(([name]) => !(name in pkg.dependencies)).map(([name, file]) => `${name} (imported by ${file})`);
  expect(missing).toEqual([]);
});

test('the add-in bundle and sandbox packages are development dependencies only', () => {
  for (const name of BUILD_ONLY) {
    expect([name, name in pkg.dependencies]).toEqual([name, false]);
    expect([name, name in pkg.devDependencies]).toEqual([name, true]);
  }
});

// Issue #20 reversed issue #12's choice: production runs the build in dist/ (scripts/build-runtime.ts) with plain
// node, so the TypeScript loader is a development tool. tests/runtime proves the installed runtime starts without it.
test('tsx is a development dependency: npm start and an installed calsync run the build with plain node', () => {
  expect(pkg.dependencies.tsx).toBeUndefined();
  expect(pkg.devDependencies.tsx).toBeDefined();
  const scripts = (pkg as unknown as { scripts: Record<string, string> }).scripts;
  expect(scripts.start).toBe('node dist/server/start-main.js');
  expect(readFileSync(join(ROOT, 'bin/calsync.js'), 'utf8')).toContain("join(root, 'dist/server/cli/main.js')");
});
