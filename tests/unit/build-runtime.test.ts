/**
 * `npm run build:server` (scripts/build-runtime.ts): dist/server holds the service, worker and CLI with no sandbox
 * or demo code, the only way to the demo is start-main's lazy require of its own bundle, the build runs with
 * plain node, and a service file importing the sandbox fails the build.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { buildRuntime, serviceFiles } from '../../scripts/build-runtime';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

describe('build:server', () => {
  let out: string;
  beforeAll(async () => {
    // Inside the repository, so the build finds node_modules and package.json above it as dist/ does.
    const artifacts = path.resolve(__dirname, '../../test-artifacts');
    mkdirSync(artifacts, { recursive: true });
    out = mkdtempSync(path.join(artifacts, 'build-'));
    await buildRuntime(out);
  });
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  test('dist/server loads no sandbox or demo module but the demo bundle, lazily, from start-main', () => {
    const loads = filesUnder(path.join(out, 'server')).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/require\(([^)]*)\)|"[^"\n]*(?:graph-sandbox|demo\/)[^"\n]*"/g)]
        // A module of demo/ or the sandbox, or the launcher's lazy entry; not files that merely say "demo" in
        // their name (the CLI's demo-discovery, the demo.json reader every install carries).
        .filter((m) => /graph-sandbox|demo\/|\/demo\b(?!-)|DEMO_ENTRY/.test(m[0]))
        .map((m) => `${path.relative(out, file)}: ${m[0]}`),
    );
    expect(loads).toEqual(['server/start-main.js: "../demo/main"', 'server/start-main.js: "../demo/main.js"', 'server/start-main.js: require(DEMO_ENTRY)']);
    expect(existsSync(path.join(out, 'demo/main.js'))).toBe(true);
    expect(existsSync(path.join(out, 'demo/outlook-host-shim.js'))).toBe(true);
    expect(existsSync(path.join(out, 'demo/outlook-sign-in-shim.js'))).toBe(true);
  });

  test('the CLI runs from the build with plain node', () => {
    const result = spawnSync(process.execPath, [path.join(out, 'server/cli/main.js'), '--help'], {
      env: { PATH: process.env.PATH },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^ {2}doctor /m);
  });

  test('a service file that imports the sandbox fails the build', async () => {
    await expect(serviceFiles(['tests/unit/fixtures/imports-sandbox.ts'])).rejects.toThrow(
      'service files import demo or sandbox code: tests/unit/fixtures/imports-sandbox.ts',
    );
  });
});
