/**
 * The unified manifest for Microsoft 365, offline: valid against the JSON schema office-addin-manifest bundles
 * (@microsoft/app-manifest), and the same add-in as manifest.xml — both checked against addin-description.ts.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { ADDIN } from '../../addin/manifest/addin-description';
import { ManifestOptionError } from '../../addin/manifest/manifest-options';
import { renderManifest } from '../../addin/manifest/xml-manifest';
import { renderUnifiedManifest, UNIFIED_MANIFEST_VERSION } from '../../addin/manifest/unified-manifest';
import { HANDLER_NAMES } from '../../addin/launchevent/launchevent';

const root = resolve(__dirname, '../..');
const template = readFileSync(join(root, 'manifest.xml'), 'utf8');
const deployment = { baseUrl: 'https://calsync.contoso.com', clientId: '11111111-2222-3333-4444-555555555555' };
const unified = renderUnifiedManifest(deployment);

/**
 * The schema errors of each manifest, from the schema bundled with office-addin-manifest (@microsoft/app-manifest
 * reads it from its package for a developer.microsoft.com $schema, no network). In a child node: the library loads
 * ES modules jest's CommonJS runtime cannot.
 */
async function schemaErrors(...manifests: Array<Record<string, unknown>>): Promise<string[][]> {
  const script = `
    const { AppManifestUtils } = require('@microsoft/app-manifest');
    const manifests = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
    Promise.all(manifests.map((m) => AppManifestUtils.validateAgainstSchema(m))).then((r) => process.stdout.write(JSON.stringify(r)));`;
  const child = execFile(process.execPath, ['-e', script], { cwd: root, timeout: 60_000 });
  child.stdin!.end(JSON.stringify(manifests));
  let out = '';
  child.stdout!.on('data', (chunk: string) => (out += chunk));
  const code = await new Promise<number | null>((done) => child.on('close', done));
  expect(code).toBe(0);
  return JSON.parse(out) as string[][];
}

/** What an add-in-only XML manifest says, in the terms the description uses. */
function xmlFacts(xml: string) {
  const one = (re: RegExp) => re.exec(xml)?.[1];
  const url = (id: string) => one(new RegExp(`<bt:Url id="${id.replace('.', '\\.')}" DefaultValue="([^"]+)"`));
  const v11 = xml.slice(xml.indexOf('xsi:type="VersionOverridesV1_1"'));
  return {
    id: one(/<Id>([^<]+)<\/Id>/),
    version: one(/<Version>([^<]+)<\/Version>/),
    appDomain: one(/<AppDomain>([^<]+)<\/AppDomain>/),
    permission: one(/<Permissions>([^<]+)<\/Permissions>/),
    taskpaneMinMailbox: one(/<Set Name="Mailbox" MinVersion="([^"]+)"\/>/),
    launchMinMailbox: /<bt:Sets DefaultMinVersion="([^"]+)">/.exec(v11)?.[1],
    taskpane: url('Taskpane.Url'),
    launchPage: url('LaunchEventPage.Url'),
    launchScript: url('LaunchEventScript.Url'),
    events: [...xml.matchAll(/<LaunchEvent Type="(\w+)" FunctionName="(\w+)"\/>/g)].map((m) => ({ xml: m[1], handler: m[2] })),
    surfaces: [...v11.matchAll(/<ExtensionPoint xsi:type="(\w+CommandSurface)">[\s\S]*?<Group id="(\w+)">[\s\S]*?<Control xsi:type="Button" id="(\w+)">/g)].map(
      (m) => ({ xml: m[1], groupId: m[2], buttonId: m[3] }),
    ),
    webAppId: one(/<WebApplicationInfo>\s*<Id>([^<]+)<\/Id>/),
    resource: one(/<Resource>([^<]+)<\/Resource>/),
    scopes: [...xml.matchAll(/<Scope>([^<]+)<\/Scope>/g)].map((m) => m[1]),
  };
}

interface Extension {
  requirements: { capabilities: Array<{ minVersion: string }> };
  runtimes: Array<{
    id: string;
    requirements?: { capabilities: Array<{ minVersion: string }> };
    code: { page: string; script?: string };
    actions: Array<{ id: string; type: string }>;
  }>;
  ribbons: Array<{ contexts: string[]; tabs: Array<{ groups: Array<{ id: string; controls: Array<{ id: string; actionId: string }> }> }> }>;
  autoRunEvents: Array<{ requirements: { capabilities: Array<{ minVersion: string }> }; events: Array<{ type: string; actionId: string }> }>;
}

describe('the unified manifest', () => {
  it('validates against the schema office-addin-manifest bundles', async () => {
    expect(unified.$schema).toContain(`/v${UNIFIED_MANIFEST_VERSION}/MicrosoftTeams.schema.json`);
    expect(await schemaErrors(unified, renderUnifiedManifest({ baseUrl: 'https://localhost:3000' }))).toEqual([[], []]);
  });

  it('the schema check fails a broken manifest (so the pass above means something)', async () => {
    const { accentColor: _dropped, ...withoutAccent } = unified;
    const [extension] = unified.extensions as Extension[];
    const noActionId = { ...unified, extensions: [{ ...extension, autoRunEvents: [{ events: [{ type: 'appointmentTimeChanged' }] }] }] };
    const errors = await schemaErrors(withoutAccent, { ...unified, id: 'not-a-guid' }, noActionId);
    expect(errors.map((e) => e.length > 0)).toEqual([true, true, true]);
    expect(errors[2]!.join(' ')).toContain('actionId');
  });

  it('passes `office-addin-manifest validate` too', async () => {
    const work = mkdtempSync(join(tmpdir(), 'calsync-unified-'));
    try {
      const path = join(work, 'manifest.json');
      writeFileSync(path, JSON.stringify(unified));
      // It exits non-zero on an invalid manifest (tests/addin/manifest.test.ts shows it), and execFile then rejects.
      await expect(
        promisify(execFile)(join(root, 'node_modules/.bin/office-addin-manifest'), ['validate', path], {
          timeout: 60_000,
          env: { ...process.env, OFFICE_ADDIN_USAGE_DATA_OPT_IN: 'false' },
        }),
      ).resolves.toBeDefined();
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  it('is the same add-in as the XML for the same deployment: runtimes, surfaces, events, permission, domain, app registration', () => {
    const xml = xmlFacts(renderManifest(deployment));
    const [extension, ...more] = unified.extensions as Extension[];
    expect(more).toEqual([]);
    expect(unified.id).toBe(xml.id);
    expect(`${String(unified.version)}.0`).toBe(xml.version);
    expect(unified.validDomains).toEqual([new URL(xml.appDomain!).host]);
    expect(unified.webApplicationInfo).toEqual({ id: xml.webAppId, resource: xml.resource });
    expect(unified.authorization).toEqual({ permissions: { resourceSpecific: [{ name: 'Mailbox.ReadWrite.User', type: 'Delegated' }] } });
    expect(xml.permission).toBe('ReadWriteMailbox');

    const pane = extension!.runtimes.find((r) => r.code.page === xml.taskpane);
    expect(pane?.actions.map((a) => a.type)).toEqual(['openPage']);
    expect(extension!.requirements.capabilities[0]!.minVersion).toBe(xml.taskpaneMinMailbox);
    const contexts: Record<string, string> = {
      AppointmentOrganizerCommandSurface: 'meetingDetailsOrganizer',
      AppointmentAttendeeCommandSurface: 'meetingDetailsAttendee',
    };
    expect(extension!.ribbons.map((r) => ({ context: r.contexts, group: r.tabs[0]!.groups[0]!.id, button: r.tabs[0]!.groups[0]!.controls[0]! }))).toEqual(
      xml.surfaces.map((s) => ({
        context: [contexts[s.xml!]],
        group: s.groupId,
        button: { ...extension!.ribbons[0]!.tabs[0]!.groups[0]!.controls[0]!, id: s.buttonId, actionId: pane!.actions[0]!.id },
      })),
    );

    const launch = extension!.runtimes.find((r) => r.code.page === xml.launchPage);
    expect(launch?.code.script).toBe(xml.launchScript);
    expect(launch?.requirements?.capabilities[0]!.minVersion).toBe(xml.launchMinMailbox);
    expect(launch?.actions.map((a) => [a.id, a.type])).toEqual(xml.events.map((e) => [e.handler, 'executeFunction']));
    const [autoRun] = extension!.autoRunEvents;
    expect(autoRun!.requirements.capabilities[0]!.minVersion).toBe(xml.launchMinMailbox);
    // The XML's event names in the unified vocabulary (https://learn.microsoft.com/office/dev/add-ins/outlook/autolaunch#supported-events).
    const names: Record<string, string> = {
      OnNewAppointmentOrganizer: 'newAppointmentOrganizerCreated',
      OnAppointmentAttendeesChanged: 'appointmentAttendeesChanged',
      OnAppointmentTimeChanged: 'appointmentTimeChanged',
      OnAppointmentRecurrenceChanged: 'appointmentRecurrenceChanged',
    };
    expect(autoRun!.events).toEqual(xml.events.map((e) => ({ type: names[e.xml!], actionId: e.handler })));
  });

  it('manifest.xml says what the description says', () => {
    const xml = xmlFacts(template);
    const at = (path: string) => `https://localhost:3000/${path}`;
    expect(xml).toMatchObject({
      id: ADDIN.id,
      version: ADDIN.version,
      permission: ADDIN.permission.xml,
      taskpaneMinMailbox: ADDIN.taskpane.minMailbox,
      launchMinMailbox: ADDIN.launchEvents.minMailbox,
      taskpane: at(ADDIN.paths.taskpane),
      launchPage: at(ADDIN.paths.launchEventPage),
      launchScript: at(ADDIN.paths.launchEventScript),
      events: ADDIN.launchEvents.events.map(({ xml: type, handler }) => ({ xml: type, handler })),
      surfaces: ADDIN.taskpane.surfaces.map(({ xml: type, groupId, buttonId }) => ({ xml: type, groupId, buttonId })),
      scopes: [...ADDIN.scopes],
    });
    // The handler registers exactly the functions the description names.
    expect(ADDIN.launchEvents.events.map((e) => e.handler)).toEqual([...HANDLER_NAMES]);
  });

  it('takes the deployment version in semver and refuses one it would have to change', () => {
    expect(renderUnifiedManifest({ ...deployment, version: '1.2.3.0' }).version).toBe('1.2.3');
    expect(() => renderUnifiedManifest({ ...deployment, version: '1.2.3.4' })).toThrow(ManifestOptionError);
    expect(() => renderUnifiedManifest({ baseUrl: 'https://calsync.contoso.com' })).toThrow(/--client-id: required/);
  });
});
