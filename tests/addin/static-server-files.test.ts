import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileFor } from '../../addin/scripts/static-server';

describe('the dev server maps URL paths to files under its root', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'calsync-static-'));
    writeFileSync(join(root, 'support.html'), '<p>help</p>');
    mkdirSync(join(root, 'taskpane'));
    writeFileSync(join(root, 'taskpane', 'index.html'), '<p>pane</p>');
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('serves the manifest SupportUrl /support from support.html, as the server does', () => {
    expect(fileFor(root, '/support')).toBe(join(root, 'support.html'));
    expect(fileFor(root, '/support.html?x=1')).toBe(join(root, 'support.html'));
  });

  it('finds a folder index, and nothing for missing files or paths outside the root', () => {
    expect(fileFor(root, '/taskpane/')).toBe(join(root, 'taskpane', 'index.html'));
    expect(fileFor(root, '/nothing')).toBeNull();
    expect(fileFor(root, '/support.js')).toBeNull();
    expect(fileFor(root, '/../../etc/passwd')).toBeNull();
    expect(fileFor(root, '/%2e%2e/%2e%2e/etc/passwd')).toBeNull();
  });
});
