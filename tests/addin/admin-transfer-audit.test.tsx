/** @jest-environment jsdom */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { AuditEntry as StoredAuditEntry } from '../../server/store/types';
import { renderTaskpane } from './support/render-taskpane';
import { externalRule } from './support/rule-factories';

async function openAdminTab() {
  fireEvent.click(await screen.findByRole('tab', { name: 'Admin' }));
  await screen.findByRole('button', { name: 'Save settings' });
}

/** An audit entry as the server's store keeps it; the fake API sends it through the server's own toApiEntry. */
function stored(n: number, overrides: Partial<StoredAuditEntry> = {}): StoredAuditEntry {
  return {
    tenantId: 't1',
    key: `2026-03-01T10:00:0${n}Z-k${n}`,
    at: `2026-03-01T10:00:0${n}Z`,
    actorId: `user-${n}`,
    action: 'update',
    scope: 'org',
    ownerId: null,
    ruleId: `r_${n}`,
    before: null,
    after: null,
    ...overrides,
  };
}

/** The text of a Blob: jsdom's Blob may lack text(), FileReader it has. */
function blobText(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsText(blob);
  });
}

describe('admin export and import', () => {
  const url = URL as unknown as { createObjectURL?: (b: Blob) => string; revokeObjectURL?: (u: string) => void };
  afterEach(() => {
    delete url.createObjectURL;
    delete url.revokeObjectURL;
    jest.restoreAllMocks();
  });

  it('downloads the organisation rules as a JSON file', async () => {
    const { server } = renderTaskpane({ server: { me: { isAdmin: true }, rules: [externalRule({ id: 'r_ext' })] } });
    const blobs: Blob[] = [];
    url.createObjectURL = jest.fn((b: Blob) => (blobs.push(b), 'blob:calsync/1'));
    url.revokeObjectURL = jest.fn();
    const clicked: HTMLAnchorElement[] = [];
    jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this);
    });
    await openAdminTab();

    fireEvent.click(screen.getByRole('button', { name: 'Export organisation rules' }));
    await waitFor(() => expect(clicked).toHaveLength(1));
    expect(server.requests.find((r) => r.path.startsWith('/api/export'))!.path).toBe('/api/export?scope=org');
    expect(clicked[0]!.download).toBe('calsync-org-rules.json');
    expect(clicked[0]!.href).toBe('blob:calsync/1');
    expect(blobs[0]!.type).toBe('application/json');
    const file = JSON.parse(await blobText(blobs[0]!)) as { scope: string; rules: Array<{ id: string }> };
    expect(file.scope).toBe('org');
    expect(file.rules.map((r) => r.id)).toEqual(['r_ext']);
    await waitFor(() => expect(url.revokeObjectURL).toHaveBeenCalledWith('blob:calsync/1'));
  });

  it('says so when the export fails, and retries', async () => {
    const { server } = renderTaskpane({ server: { me: { isAdmin: true } } });
    url.createObjectURL = jest.fn(() => 'blob:calsync/2');
    url.revokeObjectURL = jest.fn();
    jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    await openAdminTab();
    server.failNext('GET', '/api/export', 503, 'unavailable');
    fireEvent.click(screen.getByRole('button', { name: 'Export organisation rules' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('had a problem');
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(url.createObjectURL).toHaveBeenCalledTimes(1));
    expect(screen.queryByRole('alert')).toBeNull();
  });
});

describe('admin audit list', () => {
  it('lists each change for people: local time, who by name, the rule by name, and what changed in Outlook words', async () => {
    const before = {
      name: 'External',
      scope: 'org',
      enabled: true,
      order: 0,
      when: { all: [{ field: 'showAs', op: 'equals', value: 'busy' }] },
      then: { category: 'External', color: 'preset0', stop: false },
    };
    const after = { ...before, when: { all: [{ field: 'showAs', op: 'in', value: ['busy', 'oof'] }] }, then: { ...before.then, color: 'preset11' } };
    const { server } = renderTaskpane({ server: { me: { isAdmin: true } }, outlook: { displayLanguage: 'en-GB', timeZone: 'W. Europe Standard Time' } });
    server.audit.push(
      stored(1, {
        at: '2026-12-02T05:51:22.825Z',
        actorId: '721ae83c-1111-4000-8000-000000000001',
        actorName: 'Ana Lima',
        ruleId: 'r_9PBw_z1bkdJeJNzI',
        before,
        after,
      }),
      stored(2, { action: 'delete', ruleId: 'r_x', actorId: '9b7c0d1e-2222-4000-8000-000000000002', before, after: null }),
      stored(3, {
        action: 'settings',
        scope: 'settings',
        ruleId: null,
        actorName: 'Bo',
        before: { internalDomains: [], orgRulesLocked: false },
        after: { internalDomains: ['contoso.com'], orgRulesLocked: false },
      }),
    );
    await openAdminTab();
    fireEvent.click(screen.getByRole('button', { name: 'Show recent changes' }));
    const list = await screen.findByRole('list', { name: 'Recent changes' });
    const [changed, deleted, settings] = within(list).getAllByRole('listitem');
    // 05:51 UTC is 06:51 in Berlin (W. Europe Standard Time), written the British way.
    expect(changed!.textContent).toContain('2 Dec 2026, 06:51');
    expect(changed!.textContent).toContain('Ana Lima changed the rule “External”');
    expect(changed!.textContent).toContain('Conditions: Show as is Busy → Show as is one of Busy or Out of office');
    expect(changed!.textContent).toContain('Colour: Red → Dark steel');
    expect(changed!.textContent).not.toMatch(/Category:|Name:/);
    // An entry written before names were kept: the id, shortened.
    expect(deleted!.textContent).toContain('User 9b7c0d1e deleted the rule “External”');
    expect(settings!.textContent).toContain('Bo changed the settings');
    expect(settings!.textContent).toContain('Internal domains: none → contoso.com');
    for (const li of [changed!, deleted!, settings!]) {
      expect(li.textContent).not.toMatch(/r_9PBw|721ae83c|T05:51|\d{4}-\d{2}-\d{2}|preset\d|oof|showAs/);
    }
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
  });

  it('says what a restore of an earlier version added back, changed back and deleted, by rule name', async () => {
    const { server } = renderTaskpane({ server: { me: { isAdmin: true } } });
    server.audit.push(
      stored(1, {
        action: 'restore',
        ruleId: null,
        actorName: 'Ana Lima',
        before: [],
        after: { versionId: 'v_1', ids: ['r_a'], added: ['Focus'], changed: [], removed: ['Travel', 'Lunch'], unchanged: 2 },
      }),
    );
    await openAdminTab();
    fireEvent.click(screen.getByRole('button', { name: 'Show recent changes' }));
    const item = within(await screen.findByRole('list', { name: 'Recent changes' })).getByRole('listitem');
    expect(item.textContent).toContain('Ana Lima restored an earlier version of the organisation rules');
    expect(item.textContent).toContain('Added back: Focus');
    expect(item.textContent).toContain('Deleted: Travel, Lunch');
    expect(item.textContent).not.toMatch(/Changed back|v_1|r_a/);
  });

  it('writes the time in the Office display language: de-DE', async () => {
    const { server } = renderTaskpane({ server: { me: { isAdmin: true } }, outlook: { displayLanguage: 'de-DE', timeZone: 'Europe/Berlin' } });
    server.audit.push(
      stored(1, {
        at: '2026-12-02T05:51:22.825Z',
        actorName: 'Ana Lima',
        before: null,
        after: { name: 'Fokus', enabled: true, when: { all: [] }, then: { category: 'Fokus', color: 'preset4', stop: false } },
        action: 'create',
      }),
    );
    await openAdminTab();
    fireEvent.click(screen.getByRole('button', { name: 'Show recent changes' }));
    const item = within(await screen.findByRole('list', { name: 'Recent changes' })).getByRole('listitem');
    expect(item.textContent).toContain('02.12.2026, 06:51');
    expect(item.textContent).toContain('Ana Lima created the rule “Fokus”');
    expect(item.textContent).toContain('Colour: Green');
    expect(item.textContent).not.toContain('→');
  });

  it('pages with Load more while the API returns a continuationToken', async () => {
    const { server } = renderTaskpane({ server: { me: { isAdmin: true }, auditPageSize: 2 } });
    server.audit.push(stored(1), stored(2), stored(3), stored(4), stored(5));
    await openAdminTab();
    fireEvent.click(screen.getByRole('button', { name: 'Show recent changes' }));
    const list = await screen.findByRole('list', { name: 'Recent changes' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(2);
    fireEvent.click(screen.getByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(4));
    fireEvent.click(screen.getByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(5));
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((li) => li.querySelector('time')!.getAttribute('datetime')),
    ).toEqual([1, 2, 3, 4, 5].map((n) => `2026-03-01T10:00:0${n}Z`));
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
    expect(server.requests.filter((r) => r.path.startsWith('/api/audit')).map((r) => r.path)).toEqual([
      '/api/audit',
      '/api/audit?continuationToken=2',
      '/api/audit?continuationToken=4',
    ]);
  });
});
