/**
 * Issue #16 in headless chromium against the real server (SQLite): an admin makes a rule for a team found by name,
 * and the list then says whom it is for — names, never ids. The directory behind the API is a fake sync control
 * (the Graph side of group search has its own tests). Each view is checked with axe.
 */
import type { SyncControl } from '../../server/domain/sync-control';
import { cspViolations, openTaskpane, seriousAxeViolations } from './support/browser-harness';
import { paneWithServer } from './support/pane-with-server';
import { TENANT_A } from '../support/tokens';

jest.setTimeout(120_000);

const SALES = '6f1c2a4e-0b7d-4c8e-9a51-3d2f7e8b9c10';
const GROUPS = [
  { id: SALES, displayName: 'Sales' },
  { id: '7a2d3b5f-1c8e-4d9f-8b62-4e3f8f9cad21', displayName: 'Sales engineering' },
];
const directory: SyncControl = {
  enrolled: async () => [],
  syncNow: async () => undefined,
  searchDirectory: async () => [],
  searchGroups: async (_tenantId, text) => GROUPS.filter((g) => g.displayName.toLowerCase().startsWith(text.toLowerCase())),
  groupsByIds: async (_tenantId, ids) => GROUPS.filter((g) => ids.includes(g.id)),
  memberOf: async () => new Set(),
};

const pane = paneWithServer('adminA', { syncControl: directory });

describe('the team picker, in chromium', () => {
  it('finds a team by name, keeps it as the rule’s audience and lists the rule as for that team', async () => {
    const page = await openTaskpane(pane.browser, pane.server.url);
    await page.getByRole('button', { name: /New rule|Write a rule from scratch/ }).click();
    const form = page.getByRole('form', { name: 'New rule' });
    await form.getByRole('radio', { name: 'Some teams' }).check();
    await form.getByRole('combobox', { name: /Add a team/ }).fill('sal');
    const found = page.getByRole('listbox', { name: 'Teams found' }).getByRole('option');
    await found.nth(1).waitFor();
    expect(await found.allTextContents()).toEqual(['Sales', 'Sales engineering']);
    expect(await seriousAxeViolations(page)).toEqual([]);

    await form.getByRole('combobox', { name: /Add a team/ }).press('ArrowDown');
    await form.getByRole('combobox', { name: /Add a team/ }).press('Enter');
    await form.getByRole('list', { name: 'Teams: chosen' }).getByText('Sales', { exact: true }).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);

    await form.getByRole('textbox', { name: /Rule name/ }).fill('Client meetings');
    await form.getByRole('textbox', { name: /Category name/ }).fill('Client');
    await form.getByRole('textbox', { name: 'Conditions, condition 1 value' }).fill('client');
    await form.getByRole('button', { name: 'Save rule' }).click();

    const row = page.getByRole('region', { name: 'Organisation rules' }).getByRole('listitem', { name: 'Client meetings' });
    await row.getByText('For Sales', { exact: true }).waitFor();
    expect(await row.textContent()).not.toContain(SALES);
    const stored = await pane.api.stores.rules.listAll({ tenantId: TENANT_A, scope: 'org' });
    expect(stored.map((r) => r.appliesTo)).toEqual([{ groups: [SALES] }]);
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(cspViolations(page)).toEqual([]);
    await page.close();
  });
});
