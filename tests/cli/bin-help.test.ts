import { spawnSync } from 'node:child_process';
import path from 'node:path';

describe('bin/calsync.js', () => {
  it('starts through tsx and lists the commands', () => {
    const root = path.resolve(__dirname, '../..');
    const result = spawnSync(process.execPath, [path.join(root, 'bin/calsync.js'), '--help'], { cwd: root, encoding: 'utf8', timeout: 20_000 });

    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const commands = [...result.stdout.split('Commands:')[1]!.matchAll(/^ {2}(\S+)/gm)].map((m) => m[1]);
    expect(commands).toEqual(['start', 'sync', 'undo', 'rules', 'manifest', 'doctor', 'tenants', 'rbac-script', 'help']);
  });

  it('exits non-zero on an unknown command', () => {
    const root = path.resolve(__dirname, '../..');
    const result = spawnSync(process.execPath, [path.join(root, 'bin/calsync.js'), 'frobnicate'], { cwd: root, encoding: 'utf8', timeout: 20_000 });

    expect(result.status).toBe(1);
    expect(result.stderr).toContain("unknown command 'frobnicate'");
  });
});
