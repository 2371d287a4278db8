/**
 * Nothing is lost by surprise (issue #13), in headless chromium against the real server (SQLite): picking a
 * rules file previews it and a replace names what it deletes before it writes; the delete dialog says what
 * happens to stamped categories. Each view is checked with axe. The import preview's screenshot is the one in
 * docs/images/.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import type { StaticServer } from '../../addin/scripts/static-server';
import { startTestApi, type TestApi } from '../support/app';
import {
  buildTestBundle,
  cspViolations,
  launchChromium,
  openTaskpane,
  ROOT,
  seriousAxeViolations,
  startAppServer,
  tokenRoute,
} from './support/browser-harness';

jest.setTimeout(120_000);

const ADMIN = 'adminA';
const ORG_RULES = ['Internal', 'External', 'Travel', 'Focus'];
const ONE_RULE_FILE = {
  version: 1,
  scope: 'org',
  rules: [
    {
      name: 'Holidays',
      scope: 'org',
      enabled: true,
      order: 0,
      when: { all: [{ field: 'subject', op: 'contains', value: 'holiday' }] },
      then: { category: 'Holiday', color: 'preset3', stop: false },
    },
  ],
};

let dist: string;
let browser: Browser;
let api: TestApi;
let server: StaticServer;

beforeAll(async () => {
  dist = await buildTestBundle(mkdtempSync(join(tmpdir(), 'calsync-addin-')));
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  rmSync(dist, { recursive: true, force: true });
});

beforeEach(async () => {
  api = await startTestApi('sqlite', { addinDir: dist });
  server = await startAppServer(api.app, [tokenRoute(() => api.tokens.for(ADMIN))]);
  for (const name of ORG_RULES) {
    await api.createRule(ADMIN, {
      name,
      scope: 'org',
      when: { all: [{ field: 'subject', op: 'contains', value: name.toLowerCase() }] },
      then: { category: name, color: 'preset1' },
    });
  }
});

afterEach(async () => {
  await server.close();
  await api.close();
});

async function orgRuleNames(): Promise<string[]> {
  return (await (await api.as(ADMIN)).get('/api/rules?scope=org')).body.items.map((r: { name: string }) => r.name);
}

describe('nothing is lost by surprise, in chromium', () => {
  it('previews an import file, names what a replace deletes, and writes only once confirmed', async () => {
    const page = await openTaskpane(browser, server.url);
    await page.getByRole('tab', { name: 'Admin' }).click();
    await page
      .getByLabel('Import rules file')
      .setInputFiles({ name: 'one-rule-import.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(ONE_RULE_FILE)) });
    const preview = page.getByRole('region', { name: 'Import preview for one-rule-import.json' });
    await preview.waitFor();
    await preview.getByRole('radio', { name: /^Replace/ }).check();
    expect(
      await preview
        .getByRole('list', { name: /^Deleted/ })
        .getByRole('listitem')
        .allTextContents(),
    ).toEqual(ORG_RULES);
    expect(await orgRuleNames()).toEqual(ORG_RULES);
    expect(await seriousAxeViolations(page)).toEqual([]);

    await preview.getByRole('button', { name: 'Replace rules' }).click();
    const confirm = preview.getByRole('group', { name: 'Delete 4 organisation rules?' });
    await confirm.waitFor();
    await page.screenshot({ path: join(ROOT, 'docs/images/import-preview.png'), fullPage: true });
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(await orgRuleNames()).toEqual(ORG_RULES);

    await confirm.getByRole('button', { name: 'Replace and delete' }).click();
    await page.getByText('Imported one-rule-import.json: 1 added, 0 changed, 4 deleted.').waitFor();
    expect(await orgRuleNames()).toEqual(['Holidays']);
    expect(cspViolations(page)).toEqual([]);
    await page.close();
  });

  it('says in the delete dialog that the stamped category comes off events, then deletes', async () => {
    const page = await openTaskpane(browser, server.url);
    await page.getByRole('button', { name: 'Delete Travel' }).click();
    const dialog = page.getByRole('alertdialog');
    await dialog.getByText(/Within seconds CalSync removes “Travel” from the events this rule coloured in every enrolled mailbox/).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('button', { name: 'Delete Travel' }).waitFor({ state: 'detached' });
    expect(await orgRuleNames()).toEqual(['Internal', 'External', 'Focus']);
    expect(cspViolations(page)).toEqual([]);
    await page.close();
  });
});
