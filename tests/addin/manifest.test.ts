/**
 * manifest.xml, offline: what the generator (addin/manifest/xml-manifest.ts) writes for the development server;
 * well-formed and complete; `office-addin-manifest info` reads it; converted with office-addin-manifest-converter
 * and the JSON validated by `office-addin-manifest validate` (bundled schema); the production manifest from the
 * generator has no localhost.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { DEV_BASE_URL, ManifestOptionError } from '../../addin/manifest/manifest-options';
import { renderManifest } from '../../addin/manifest/xml-manifest';
import { HANDLER_NAMES } from '../../addin/launchevent/launchevent';

const run = promisify(execFile);
const root = resolve(__dirname, '../..');
const bin = (name: string) => join(root, 'node_modules/.bin', name);
const template = readFileSync(join(root, 'manifest.xml'), 'utf8');
const production = renderManifest({ baseUrl: 'https://calsync.contoso.com', clientId: '11111111-2222-3333-4444-555555555555' });

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'calsync-manifest-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs a CLI without network use being needed, returning its exit code and output. */
async function cli(command: string, args: string[], cwd = work): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await run(command, args, { cwd, timeout: 60_000, env: { ...process.env, OFFICE_ADDIN_USAGE_DATA_OPT_IN: 'false' } });
    return { code: 0, out: stdout + stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : 1, out: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

async function convertAndValidate(xml: string, name: string): Promise<{ json: Record<string, unknown>; validate: { code: number; out: string } }> {
  const dir = join(work, name);
  const xmlPath = join(work, `${name}.xml`);
  writeFileSync(xmlPath, xml);
  const converted = await cli(bin('office-addin-manifest-converter'), ['convert', xmlPath, '--output', dir]);
  expect(converted.code).toBe(0);
  const jsonPath = join(dir, 'manifest.json');
  expect(existsSync(jsonPath)).toBe(true);
  return { json: JSON.parse(readFileSync(jsonPath, 'utf8')), validate: await cli(bin('office-addin-manifest'), ['validate', jsonPath]) };
}

describe('manifest.xml', () => {
  it('is what the generator writes for the development server (run `npm run manifest -- --base-url https://localhost:3000 --out manifest.xml` after changing the description)', () => {
    expect(template).toBe(renderManifest({ baseUrl: DEV_BASE_URL }));
  });

  it('is what Outlook needs: MailApp, Mailbox 1.8, ReadWriteMailbox, both appointment surfaces, four launch events', () => {
    expect(template).toMatch(/xsi:type="MailApp"/);
    expect(template).toMatch(/<Set Name="Mailbox" MinVersion="1.8"\/>/);
    expect(template).toMatch(/<Permissions>ReadWriteMailbox<\/Permissions>/);
    expect(template).toMatch(/xsi:type="VersionOverridesV1_0"[\s\S]*xsi:type="VersionOverridesV1_1"/);
    for (const surface of ['AppointmentOrganizerCommandSurface', 'AppointmentAttendeeCommandSurface']) expect(template.split(surface).length - 1).toBe(2);
    const events = [...template.matchAll(/<LaunchEvent Type="(\w+)" FunctionName="(\w+)"\/>/g)].map((m) => [m[1], m[2]]);
    expect(events.map((e) => e[0])).toEqual([
      'OnNewAppointmentOrganizer',
      'OnAppointmentAttendeesChanged',
      'OnAppointmentTimeChanged',
      'OnAppointmentRecurrenceChanged',
    ]);
    // The handler registers exactly the functions the manifest names.
    expect(events.map((e) => e[1])).toEqual([...HANDLER_NAMES]);
    expect(template).toMatch(/<WebApplicationInfo>[\s\S]*<Id>[\s\S]*<Resource>api:\/\//);
  });

  it('is well-formed XML, and so is the production copy', async () => {
    // xml2js comes with office-addin-manifest (no type package here); a strict parse refuses malformed markup.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { parseStringPromise } = require('xml2js') as { parseStringPromise: (xml: string, o: object) => Promise<{ OfficeApp: unknown }> };
    await expect(parseStringPromise(template, { strict: true })).resolves.toHaveProperty('OfficeApp');
    await expect(parseStringPromise(production, { strict: true })).resolves.toHaveProperty('OfficeApp');
    await expect(parseStringPromise(template.replace('</Permissions>', ''), { strict: true })).rejects.toThrow();
  });

  it('routes every command string and URL through a resource that exists', () => {
    const overrides = template.slice(template.indexOf('<VersionOverrides'));
    const referenced = new Set([...overrides.matchAll(/resid="([^"]+)"/g)].map((m) => m[1]));
    const defined = new Set([...overrides.matchAll(/<bt:(?:Image|Url|String) id="([^"]+)"/g)].map((m) => m[1]));
    expect([...referenced].filter((r) => !defined.has(r))).toEqual([]);
    expect(overrides.replace(/DefaultValue="https:[^"]*"/g, '')).not.toMatch(/https?:\/\/(?!schemas\.microsoft\.com)/);
  });

  it('is read by office-addin-manifest info', async () => {
    const { code, out } = await cli(bin('office-addin-manifest'), ['info', join(root, 'manifest.xml')]);
    expect(code).toBe(0);
    expect(out).toContain('Id: f91c526c-f1a1-4c24-9a67-6d5440b49122');
    expect(out).toContain('Type: MailApp');
    expect(out).toContain('Permissions: ReadWriteMailbox');
  });

  it('converts to a JSON manifest that validates against the bundled schema', async () => {
    const { json, validate } = await convertAndValidate(template, 'dev');
    expect(validate.code).toBe(0);
    expect(json.id).toBe('f91c526c-f1a1-4c24-9a67-6d5440b49122');
  });

  it('the validation step does fail on a broken manifest (so the pass above means something)', async () => {
    const { json } = await convertAndValidate(template, 'broken-source');
    const brokenPath = join(work, 'broken.json');
    writeFileSync(brokenPath, JSON.stringify({ ...json, id: 'not-a-guid', version: undefined }));
    const { code } = await cli(bin('office-addin-manifest'), ['validate', brokenPath]);
    expect(code).not.toBe(0);
  });
});

describe('the production manifest generator', () => {
  it('moves every URL to the base URL and names the app registration; no localhost remains', async () => {
    expect(production).not.toMatch(/localhost/i);
    expect(production).toContain('<AppDomain>https://calsync.contoso.com</AppDomain>');
    expect(production).toContain('<Resource>api://calsync.contoso.com/11111111-2222-3333-4444-555555555555</Resource>');
    expect(production).toMatch(/<WebApplicationInfo>\s*<Id>11111111-2222-3333-4444-555555555555<\/Id>/);
    const { validate } = await convertAndValidate(production, 'prod');
    expect(validate.code).toBe(0);
    expect(readdirSync(join(work, 'prod'))).toContain('manifest.json');
  });

  it('refuses what Outlook would refuse', () => {
    expect(() => renderManifest({ baseUrl: 'http://calsync.contoso.com' })).toThrow(ManifestOptionError);
    expect(() => renderManifest({ baseUrl: 'not a url' })).toThrow(ManifestOptionError);
    expect(() => renderManifest({ baseUrl: 'https://x.test', clientId: 'abc' })).toThrow(ManifestOptionError);
  });

  it('requires the app registration for a production manifest, never the placeholder id', () => {
    expect(() => renderManifest({ baseUrl: 'https://calsync.contoso.com' })).toThrow(/--client-id: required for a production manifest/);
    expect(production).not.toContain('00000000-0000-0000-0000-000000000000');
    // Sideloading on the developer's own machine keeps the placeholder.
    expect(renderManifest({ baseUrl: 'https://localhost:3000' })).toContain('00000000-0000-0000-0000-000000000000');
    expect(renderManifest({ baseUrl: 'https://127.0.0.1:3000' })).toContain('00000000-0000-0000-0000-000000000000');
  });

  it('keeps a path prefix in URLs but not in AppDomain', () => {
    const xml = renderManifest({ baseUrl: 'https://apps.contoso.com/calsync/', clientId: '11111111-2222-3333-4444-555555555555' });
    expect(xml).toContain('DefaultValue="https://apps.contoso.com/calsync/taskpane/taskpane.html"');
    expect(xml).toContain('<AppDomain>https://apps.contoso.com</AppDomain>');
  });
});
