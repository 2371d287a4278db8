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

    const result = await runCaptured(
      ['manifest', '--base-url', 'https://calsync.contoso.com/', '--client-id', '11111111-2222-3333-4444-555555555555', '--out', out],
      {},
    );

    expect(result).toEqual({ code: 0, stdout: `wrote ${out}\n`, stderr: '' });
    const xml = fs.readFileSync(out, 'utf8');
    expect(xml).not.toMatch(/localhost/i);
    expect(xml).not.toContain('00000000-0000-0000-0000-000000000000');
    expect(xml).toMatch(/<WebApplicationInfo>\s*<Id>11111111-2222-3333-4444-555555555555<\/Id>/);
    expect(xml).toContain('https://calsync.contoso.com/');
    expect(xml).toContain('<AppDomain>https://calsync.contoso.com</AppDomain>');
  });

  it('refuses a production manifest without --client-id (no placeholder app id) and writes nothing', async () => {
    const out = path.join(temp.dir, 'manifest.prod.xml');

    const result = await runCaptured(['manifest', '--base-url', 'https://calsync.contoso.com', '--out', out], {});

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--client-id: required for a production manifest');
    expect(fs.existsSync(out)).toBe(false);
  });

  it('still writes a localhost manifest for sideloading without --client-id', async () => {
    const result = await runCaptured(['manifest', '--base-url', 'https://localhost:3443'], {});

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('<SourceLocation DefaultValue="https://localhost:3443/');
  });

  it('refuses a base URL Outlook cannot load and writes nothing', async () => {
    const out = path.join(temp.dir, 'manifest.prod.xml');

    const result = await runCaptured(['manifest', '--base-url', 'http://calsync.contoso.com', '--out', out], {});

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--base-url: Outlook loads add-ins over https only');
    expect(fs.existsSync(out)).toBe(false);
  });

  it('writes the unified manifest for Microsoft 365 beside the XML, for the same deployment', async () => {
    const out = path.join(temp.dir, 'manifest.prod.xml');
    const unifiedOut = path.join(temp.dir, 'manifest.json');

    const result = await runCaptured(
      [
        'manifest',
        '--base-url',
        'https://calsync.contoso.com',
        '--client-id',
        '11111111-2222-3333-4444-555555555555',
        '--out',
        out,
        '--unified-out',
        unifiedOut,
      ],
      {},
    );

    expect(result).toEqual({ code: 0, stdout: `wrote ${out}\nwrote ${unifiedOut}\n`, stderr: '' });
    const unified = JSON.parse(fs.readFileSync(unifiedOut, 'utf8')) as { id: string; validDomains: string[]; webApplicationInfo: { id: string } };
    expect(unified.id).toBe('f91c526c-f1a1-4c24-9a67-6d5440b49122');
    expect(unified.validDomains).toEqual(['calsync.contoso.com']);
    expect(unified.webApplicationInfo.id).toBe('11111111-2222-3333-4444-555555555555');
    expect(fs.readFileSync(unifiedOut, 'utf8')).not.toMatch(/localhost/i);
  });

  it('writes neither manifest when the unified one cannot take the version', async () => {
    const out = path.join(temp.dir, 'manifest.prod.xml');
    const unifiedOut = path.join(temp.dir, 'manifest.json');

    const result = await runCaptured(
      [
        'manifest',
        '--base-url',
        'https://calsync.contoso.com',
        '--client-id',
        '11111111-2222-3333-4444-555555555555',
        '--version',
        '1.2.3.4',
        '--out',
        out,
        '--unified-out',
        unifiedOut,
      ],
      {},
    );

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('the fourth must be 0');
    expect(fs.existsSync(out)).toBe(false);
    expect(fs.existsSync(unifiedOut)).toBe(false);
  });
});
