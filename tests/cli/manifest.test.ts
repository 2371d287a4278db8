import fs from 'node:fs';
import path from 'node:path';
import { tempSqliteDir, type TempDir } from '../support/sqlite';
import { runCaptured } from './support/cli-run';

describe('calsync manifest', () => {
  let temp: TempDir;
  beforeEach(() => {
    temp = tempSqliteDir('calsync-cli-');
  });
  afterEach(() => temp.remove());

  it('writes a manifest for the deployment with no trace of localhost', async () => {
    const out = path.join(temp.dir, 'manifest.prod.xml');

    const result = await runCaptured(['manifest', '--base-url', 'https://calsync.contoso.com/', '--out', out], {});

    expect(result).toEqual({ code: 0, stdout: `wrote ${out}\n`, stderr: '' });
    const xml = fs.readFileSync(out, 'utf8');
    expect(xml).not.toMatch(/localhost/i);
    expect(xml).toContain('https://calsync.contoso.com/');
    expect(xml).toContain('<AppDomain>https://calsync.contoso.com</AppDomain>');
  });

  it('refuses a base URL Outlook cannot load and writes nothing', async () => {
    const out = path.join(temp.dir, 'manifest.prod.xml');

    const result = await runCaptured(['manifest', '--base-url', 'http://calsync.contoso.com', '--out', out], {});

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--base-url: Outlook loads add-ins over https only');
    expect(fs.existsSync(out)).toBe(false);
  });
});
