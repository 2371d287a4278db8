import { ResponseType } from '@microsoft/microsoft-graph-client';
import type { Event } from '@microsoft/microsoft-graph-types';
import { graphError, startHarness, type SandboxHarness } from './support/sandbox-client';
import { singleEvent, smallTenant } from './support/factories';

const stampProperty = 'String {66f5a359-4659-4830-9070-00047ec6ac6e} Name CalSyncStamp';

describe('graph sandbox: event create, read, update, delete', () => {
  let h: SandboxHarness;
  const events = '/users/olivia@contoso.com/events';
  beforeAll(async () => {
    h = await startHarness({ scenario: { document: smallTenant() } });
  });
  afterAll(() => h.close());

  it('creates an event (201) and reads it back with etag and changeKey', async () => {
    const created: Event & { '@odata.etag': string } = await h.client.api(events).post(singleEvent('Planning', 24, { categories: ['Customer'] }));
    expect(created.type).toBe('singleInstance');
    expect(created['@odata.etag']).toBe(`W/"${created.changeKey}"`);
    const read = await h.client.api(`${events}/${created.id}`).get();
    expect(read.subject).toBe('Planning');
    expect(read.categories).toEqual(['Customer']);
    expect(read.start).toEqual({ dateTime: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:00:00\.0000000$/), timeZone: 'UTC' });
  });

  it('renders a plain-text location as Graph does: uniqueId = displayName in location, uniqueIdType unknown in locations', async () => {
    const named = await h.client.api(events).post(singleEvent('Lunch', 26, { location: { displayName: "Harry's Bar" } }));
    expect(named.location).toEqual(
      expect.objectContaining({ displayName: "Harry's Bar", locationType: 'default', uniqueId: "Harry's Bar", uniqueIdType: 'private' }),
    );
    expect(named.locations).toEqual([{ displayName: "Harry's Bar", locationType: 'default', uniqueIdType: 'unknown' }]);
    const none = await h.client.api(`${events}/${(await h.client.api(events).post(singleEvent('Nowhere', 27))).id}`).get();
    expect(none.location).toEqual(expect.objectContaining({ displayName: '', uniqueIdType: 'unknown' }));
    expect(none.location).not.toHaveProperty('uniqueId');
    expect(none.locations).toEqual([]);
  });

  it('changes the changeKey on every write', async () => {
    const created = await h.client.api(events).post(singleEvent('Stamp me'));
    const first = await h.client.api(`${events}/${created.id}`).patch({ categories: ['Customer'] });
    const second = await h.client.api(`${events}/${created.id}`).patch({ subject: 'Stamped' });
    expect(new Set([created.changeKey, first.changeKey, second.changeKey]).size).toBe(3);
    expect(second.categories).toEqual(['Customer']);
  });

  it('answers a PATCH with a stale If-Match with 412', async () => {
    const created = await h.client.api(events).post(singleEvent('Contended'));
    await h.client.api(`${events}/${created.id}`).patch({ subject: 'Changed by someone else' });
    const stale = await graphError(
      h.client
        .api(`${events}/${created.id}`)
        .header('If-Match', created['@odata.etag'])
        .patch({ categories: ['Customer'] }),
    );
    expect(stale.statusCode).toBe(412);
    expect(stale.code).toBe('ErrorIrresolvableConflict');
    expect((await h.client.api(`${events}/${created.id}`).get()).categories).toEqual([]);
    const current = await h.client.api(`${events}/${created.id}`).get();
    const ok = await h.client
      .api(`${events}/${created.id}`)
      .header('If-Match', current['@odata.etag'])
      .patch({ categories: ['Customer'] });
    expect(ok.categories).toEqual(['Customer']);
  });

  it('stores single-value extended properties and returns them only when expanded by id', async () => {
    const created = await h.client.api(events).post(singleEvent('Tagged', 30, { singleValueExtendedProperties: [{ id: stampProperty, value: 'rule-7' }] }));
    const plain = await h.client.api(`${events}/${created.id}`).get();
    expect(plain.singleValueExtendedProperties).toBeUndefined();
    const expanded = await h.client.api(`${events}/${created.id}`).expand(`singleValueExtendedProperties($filter=id eq '${stampProperty}')`).get();
    expect(expanded.singleValueExtendedProperties).toEqual([{ id: stampProperty, value: 'rule-7' }]);
    const other = await h.client
      .api(`${events}/${created.id}`)
      .expand(`singleValueExtendedProperties($filter=id eq 'String {00000000-0000-0000-0000-000000000000} Name Other')`)
      .get();
    expect(other.singleValueExtendedProperties).toEqual([]);
  });

  it('deletes an event (204) and then answers 404', async () => {
    const created = await h.client.api(events).post(singleEvent('Short-lived'));
    const del: Response = await h.client.api(`${events}/${created.id}`).responseType(ResponseType.RAW).delete();
    expect(del.status).toBe(204);
    const gone = await graphError(h.client.api(`${events}/${created.id}`).get());
    expect(gone.statusCode).toBe(404);
    expect(gone.code).toBe('ErrorItemNotFound');
  });

  it('refuses an all-day event that does not start at midnight', async () => {
    const refused = await graphError(h.client.api(events).post({ ...singleEvent('Bad all-day'), isAllDay: true }));
    expect(refused.statusCode).toBe(400);
  });

  it('de-duplicates a repeated POST with the same transactionId', async () => {
    const body = singleEvent('Once', 40, { transactionId: 'tx-123' });
    const a = await h.client.api(events).post(body);
    const b = await h.client.api(events).post(body);
    expect(b.id).toBe(a.id);
  });
});
