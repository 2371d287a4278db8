/** @jest-environment jsdom */
/**
 * The Admin tab's Versions section (issue #13): a replacing import can be undone. Restore first names what it
 * adds back and deletes, and writes nothing until confirmed; the restore carries the set's ETag.
 */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { renderTaskpane } from './support/render-taskpane';
import { externalRule } from './support/rule-factories';

const FOUR_ORG_RULES = ['External', 'Internal', 'Travel', 'Focus'].map((name, i) => externalRule({ id: `r_o${i}`, name, order: i }));
const NEW_RULE = { name: 'Holidays', scope: 'org', enabled: true, order: 9, when: { all: [] }, then: { category: 'Holiday', color: 'preset3', stop: false } };

const restores = (server: { requests: Array<{ method: string; path: string; headers: Record<string, string> }> }) =>
  server.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/restore'));

async function replaceWithOneRule() {
  fireEvent.click(await screen.findByRole('tab', { name: 'Admin' }, { timeout: 10_000 })); // the tabs load on demand
  const input = await screen.findByLabelText('Import rules file', {}, { timeout: 10_000 }); // the Admin chunk loads on demand
  const text = JSON.stringify({ version: 1, scope: 'org', rules: [NEW_RULE] });
  const file = new File([text], 'one-rule-import.json', { type: 'application/json' });
  if (!('text' in file)) Object.assign(file, { text: async () => text });
  fireEvent.change(input, { target: { files: [file] } });
  const preview = await screen.findByRole('region', { name: 'Import preview for one-rule-import.json' });
  fireEvent.click(within(preview).getByRole('radio', { name: /^Replace/ }));
  fireEvent.click(within(preview).getByRole('button', { name: 'Replace rules' }));
  fireEvent.click(within(within(preview).getByRole('group', { name: /^Delete/ })).getByRole('button', { name: 'Replace and delete' }));
  await screen.findByText('Imported one-rule-import.json: 1 added, 0 changed, 4 deleted.');
}

const versionList = () => screen.findByRole('list', { name: 'Versions of the organisation rules' });
const namesIn = (group: HTMLElement, title: string) =>
  within(within(group).getByRole('list', { name: new RegExp(`^${title}`) }))
    .getAllByRole('listitem')
    .map((li) => li.textContent);

describe('rule-set versions in the Admin tab', () => {
  it('lists the version a replacing import kept; Restore names what changes, and confirming brings the rules back', async () => {
    const { server } = renderTaskpane({ server: { me: { isAdmin: true }, rules: FOUR_ORG_RULES } });
    await replaceWithOneRule();
    const list = await versionList();
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(1));
    expect(within(list).getByRole('listitem').textContent).toContain('before importing “one-rule-import.json” — 4 rules');

    fireEvent.click(within(list).getByRole('button', { name: /^Restore the version/ }));
    const confirm = await screen.findByRole('group', { name: /^Restore the organisation rules as they were/ });
    expect(namesIn(confirm, 'Added back')).toEqual(['External', 'Internal', 'Travel', 'Focus']);
    expect(namesIn(confirm, 'Deleted')).toEqual(['Holidays']);
    expect(restores(server)).toHaveLength(0);

    const setEtag = (await server.fetch('/api/rules/versions').then((r) => r.json())).setEtag as string;
    fireEvent.click(within(confirm).getByRole('button', { name: 'Restore this version' }));
    expect(await screen.findByText(/^Restored the rules as they were .*: 4 added, 0 changed, 1 deleted\.$/)).toBeTruthy();
    expect(restores(server).map((r) => r.headers['If-Match'])).toEqual([setEtag]);
    expect(server.rules.map((r) => r.name)).toEqual(['External', 'Internal', 'Travel', 'Focus']);
    // The restore kept a version of what it replaced: the list now offers to undo it.
    await waitFor(async () =>
      expect(within(await versionList()).getAllByRole('listitem')[0]!.textContent).toContain('before restoring an earlier version — 1 rule'),
    );
  });

  it('Cancel writes nothing; a set changed meanwhile is refused and says so', async () => {
    const { server } = renderTaskpane({ server: { me: { isAdmin: true }, rules: FOUR_ORG_RULES } });
    await replaceWithOneRule();
    const list = await versionList();
    fireEvent.click(within(list).getByRole('button', { name: /^Restore the version/ }));
    fireEvent.click(within(await screen.findByRole('group', { name: /^Restore the organisation/ })).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('group', { name: /^Restore the organisation/ })).toBeNull();
    expect(restores(server)).toHaveLength(0);

    fireEvent.click(within(list).getByRole('button', { name: /^Restore the version/ }));
    const confirm = await screen.findByRole('group', { name: /^Restore the organisation/ });
    server.changeElsewhere(server.rules[0]!.id, { name: 'Holidays (edited elsewhere)' });
    fireEvent.click(within(confirm).getByRole('button', { name: 'Restore this version' }));
    expect(
      await screen.findByText('The organisation rules were changed since you chose this version. Reload to see what restoring it would change now.'),
    ).toBeTruthy();
    expect(restores(server)).toHaveLength(1);
    expect(server.rules.map((r) => r.name)).toEqual(['Holidays (edited elsewhere)']);
    // Reload asks the server again: the confirmation now names the rule as it is.
    fireEvent.click(screen.getByRole('button', { name: 'Reload' }));
    await waitFor(() => expect(namesIn(screen.getByRole('group', { name: /^Restore the organisation/ }), 'Deleted')).toEqual(['Holidays (edited elsewhere)']));
  });
});
