/** @jest-environment jsdom */
/**
 * Picking a rules file previews it (issue #13): nothing is written until the admin picks merge or replace, and
 * a replace that deletes rules asks first, naming them. The fake API answers with the server's own matching.
 */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { renderTaskpane } from './support/render-taskpane';
import { externalRule } from './support/rule-factories';

const FOUR_ORG_RULES = ['External', 'Internal', 'Travel', 'Focus'].map((name, i) => externalRule({ id: `r_o${i}`, name, order: i }));
const NEW_RULE = { name: 'Holidays', scope: 'org', enabled: true, order: 9, when: { all: [] }, then: { category: 'Holiday', color: 'preset3', stop: false } };

async function pickFile(contents: unknown, name = 'one-rule-import.json') {
  fireEvent.click(await screen.findByRole('tab', { name: 'Admin' }, { timeout: 10_000 })); // the tabs load on demand
  const input = await screen.findByLabelText('Import rules file', {}, { timeout: 10_000 }); // the Admin chunk loads on demand
  const text = JSON.stringify(contents);
  const file = new File([text], name, { type: 'application/json' });
  if (!('text' in file)) Object.assign(file, { text: async () => text });
  fireEvent.change(input, { target: { files: [file] } });
  return screen.findByRole('region', { name: `Import preview for ${name}` });
}

const listed = (region: HTMLElement, title: string) =>
  within(region).queryByRole('list', { name: new RegExp(`^${title}`) })
    ? within(within(region).getByRole('list', { name: new RegExp(`^${title}`) }))
        .getAllByRole('listitem')
        .map((li) => li.textContent)
    : [];

const writes = (server: { requests: Array<{ method: string; path: string }> }) =>
  server.requests.filter((r) => r.method === 'POST' && r.path === '/api/import');

describe('import preview', () => {
  it('shows what merge and replace would do before anything is written; merge is the default', async () => {
    const { server } = renderTaskpane({ server: { me: { isAdmin: true }, rules: FOUR_ORG_RULES } });
    const preview = await pickFile({ version: 1, scope: 'org', rules: [NEW_RULE] });
    expect(listed(preview, 'Added')).toEqual(['Holidays']);
    expect(listed(preview, 'Deleted')).toEqual([]);
    expect(writes(server)).toHaveLength(0);

    fireEvent.click(within(preview).getByRole('radio', { name: /^Replace/ }));
    expect(listed(preview, 'Added')).toEqual(['Holidays']);
    expect(listed(preview, 'Deleted')).toEqual(['External', 'Internal', 'Travel', 'Focus']);
    expect(writes(server)).toHaveLength(0);
    expect(server.requests.filter((r) => r.path === '/api/import/preview')).toHaveLength(1);
  });

  it('replacing asks first, naming every rule it deletes; Cancel writes nothing, confirming replaces', async () => {
    const { server } = renderTaskpane({ server: { me: { isAdmin: true }, rules: FOUR_ORG_RULES } });
    const preview = await pickFile({ version: 1, scope: 'org', rules: [NEW_RULE] });
    fireEvent.click(within(preview).getByRole('radio', { name: /^Replace/ }));
    fireEvent.click(within(preview).getByRole('button', { name: 'Replace rules' }));
    const confirm = within(preview).getByRole('group', { name: 'Delete 4 organisation rules?' });
    expect(confirm.textContent).toContain('Replacing deletes “External”, “Internal”, “Travel”, “Focus”.');
    fireEvent.click(within(confirm).getByRole('button', { name: 'Keep them' }));
    expect(within(preview).queryByRole('group', { name: /^Delete/ })).toBeNull();
    expect(writes(server)).toHaveLength(0);

    fireEvent.click(within(preview).getByRole('button', { name: 'Replace rules' }));
    fireEvent.click(within(within(preview).getByRole('group', { name: /^Delete/ })).getByRole('button', { name: 'Replace and delete' }));
    expect(await screen.findByText('Imported one-rule-import.json: 1 added, 0 changed, 4 deleted.')).toBeTruthy();
    expect(writes(server).map((r) => (r as { body?: unknown }).body)).toEqual([
      { version: 1, scope: 'org', rules: [NEW_RULE], mode: 'replace', fileName: 'one-rule-import.json' },
    ]);
    expect(server.rules.map((r) => r.name)).toEqual(['Holidays']);
    expect(screen.queryByRole('region', { name: /Import preview/ })).toBeNull();
  });

  it('merging keeps the other rules and needs no confirmation', async () => {
    const { server } = renderTaskpane({ server: { me: { isAdmin: true }, rules: FOUR_ORG_RULES } });
    const preview = await pickFile({ version: 1, scope: 'org', rules: [{ ...FOUR_ORG_RULES[2], etag: undefined, name: 'Travel (new colour)' }, NEW_RULE] });
    expect(listed(preview, 'Changed')).toEqual(['Travel (new colour)']);
    expect(listed(preview, 'Added')).toEqual(['Holidays']);
    fireEvent.click(within(preview).getByRole('button', { name: 'Merge into rules' }));
    expect(await screen.findByText('Imported one-rule-import.json: 1 added, 1 changed, 0 deleted.')).toBeTruthy();
    expect(screen.queryByRole('group', { name: /^Delete/ })).toBeNull();
    expect(server.rules.map((r) => r.name).sort()).toEqual(['External', 'Focus', 'Holidays', 'Internal', 'Travel (new colour)']);
    fireEvent.click(screen.getByRole('tab', { name: 'Rules' }));
    expect(await screen.findByRole('listitem', { name: 'Holidays' })).toBeTruthy();
  });

  it('a file the server refuses shows its reason and nothing is written; Cancel import drops a preview', async () => {
    const { server } = renderTaskpane({ server: { me: { isAdmin: true }, rules: FOUR_ORG_RULES } });
    fireEvent.click(await screen.findByRole('tab', { name: 'Admin' }, { timeout: 10_000 })); // the tabs load on demand
    const input = await screen.findByLabelText('Import rules file', {}, { timeout: 10_000 }); // the Admin chunk loads on demand
    const bad = JSON.stringify({ scope: 'org', rules: [{ ...NEW_RULE, scope: 'personal' }] });
    const file = new File([bad], 'bad.json', { type: 'application/json' });
    if (!('text' in file)) Object.assign(file, { text: async () => bad });
    fireEvent.change(input, { target: { files: [file] } });
    expect(await screen.findByRole('alert')).toBeTruthy();
    expect(screen.queryByRole('region', { name: /Import preview/ })).toBeNull();
    expect(writes(server)).toHaveLength(0);

    const preview = await pickFile({ version: 1, scope: 'org', rules: [NEW_RULE] });
    fireEvent.click(within(preview).getByRole('button', { name: 'Cancel import' }));
    await waitFor(() => expect(screen.queryByRole('region', { name: /Import preview/ })).toBeNull());
    expect(writes(server)).toHaveLength(0);
  });
});
