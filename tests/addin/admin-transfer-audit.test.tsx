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
  it('lists the audit trail as the API sends it: who (actorId), what, which rule', async () => {
    const { server } = renderTaskpane({ server: { me: { isAdmin: true } } });
    server.audit.push(stored(1, { actorId: 'u-ana', ruleId: 'r_ext' }), stored(2, { action: 'settings', scope: 'settings', ruleId: null, actorId: 'u-bo' }));
    await openAdminTab();
    fireEvent.click(screen.getByRole('button', { name: 'Show recent changes' }));
    const list = await screen.findByRole('list', { name: 'Recent changes' });
    expect(within(list).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      '2026-03-01T10:00:01Z — u-ana update r_ext',
      '2026-03-01T10:00:02Z — u-bo settings settings',
    ]);
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
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
    expect(within(list).getAllByRole('listitem').map((li) => li.textContent!.split(' — ')[1])).toEqual(['user-1 update r_1', 'user-2 update r_2', 'user-3 update r_3', 'user-4 update r_4', 'user-5 update r_5']);
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
    expect(server.requests.filter((r) => r.path.startsWith('/api/audit')).map((r) => r.path)).toEqual(['/api/audit', '/api/audit?continuationToken=2', '/api/audit?continuationToken=4']);
  });
});
