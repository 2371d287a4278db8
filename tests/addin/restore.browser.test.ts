/**
 * Rule-set versions in headless chromium against the real server (SQLite): a replacing import, then a restore
 * from the Admin tab's Versions section, puts every org rule back with its id. Each view is checked with axe;
 * the confirmation's screenshot is docs/images/restore.png.
 */
import { join } from 'node:path';
import { cspViolations, openTaskpane, ROOT, seriousAxeViolations } from './support/browser-harness';
import { paneWithServer } from './support/pane-with-server';

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
      when: { all: [{ field: 'subject', op: 'contains', value: 'holiday' }] },
      then: { category: 'Holiday', color: 'preset3', stop: false },
    },
  ],
};

const pane = paneWithServer(ADMIN);

beforeEach(async () => {
  for (const name of ORG_RULES) {
    await pane.api.createRule(ADMIN, {
      name,
      scope: 'org',
      when: { all: [{ field: 'subject', op: 'contains', value: name.toLowerCase() }] },
      then: { category: name, color: 'preset1' },
    });
  }
});

async function orgRules(): Promise<Array<{ id: string; name: string }>> {
  return (await (await pane.api.as(ADMIN)).get('/api/rules?scope=org')).body.items.map(({ id, name }: { id: string; name: string }) => ({ id, name }));
}

describe('restoring a rule-set version, in chromium', () => {
  it('after a replacing import, Restore names what comes back and puts every rule back', async () => {
    const before = await orgRules();
    const page = await openTaskpane(pane.browser, pane.server.url);
    await page.getByRole('tab', { name: 'Admin' }).click();
    await page
      .getByLabel('Import rules file')
      .setInputFiles({ name: 'one-rule-import.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(ONE_RULE_FILE)) });
    const preview = page.getByRole('region', { name: 'Import preview for one-rule-import.json' });
    await preview.getByRole('radio', { name: /^Replace/ }).check();
    await preview.getByRole('button', { name: 'Replace rules' }).click();
    await preview.getByRole('group', { name: 'Delete 4 organisation rules?' }).getByRole('button', { name: 'Replace and delete' }).click();
    await page.getByText('Imported one-rule-import.json: 1 added, 0 changed, 4 deleted.').waitFor();
    expect((await orgRules()).map((r) => r.name)).toEqual(['Holidays']);

    const versions = page.getByRole('list', { name: 'Versions of the organisation rules' });
    const kept = versions.getByRole('listitem').filter({ hasText: 'before importing “one-rule-import.json” — 4 rules' });
    await kept.waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await kept.getByRole('button', { name: /^Restore the version/ }).click();
    const confirm = page.getByRole('group', { name: /^Restore the organisation rules as they were/ });
    await confirm.waitFor();
    expect(
      await confirm
        .getByRole('list', { name: /^Added back/ })
        .getByRole('listitem')
        .allTextContents(),
    ).toEqual(ORG_RULES);
    expect(
      await confirm
        .getByRole('list', { name: /^Deleted/ })
        .getByRole('listitem')
        .allTextContents(),
    ).toEqual(['Holidays']);
    await confirm.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ROOT, 'docs/images/restore.png'), fullPage: true });
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect((await orgRules()).map((r) => r.name)).toEqual(['Holidays']);

    await confirm.getByRole('button', { name: 'Restore this version' }).click();
    await page.getByText(/^Restored the rules as they were .*: 4 added, 0 changed, 1 deleted\.$/).waitFor();
    expect(await orgRules()).toEqual(before);
    await versions.getByRole('listitem').filter({ hasText: 'before restoring an earlier version — 1 rule' }).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(cspViolations(page)).toEqual([]);
    await page.close();
  });
});
