import { referenceDeltaSeries, reportedDeltaSeries } from '../src/index';
import { startHarness, windowAroundNow, type SandboxHarness } from './support/sandbox-client';
import { changed, deltaRound, removedIds } from './support/delta';
import { singleEvent, smallTenant } from './support/factories';

describe('graph sandbox: calendarView/delta rounds', () => {
  let h: SandboxHarness;
  const base = '/users/bo@contoso.com';
  let firstUrl = '';
  beforeAll(async () => {
    h = await startHarness({ scenario: { document: smallTenant() } });
    for (let i = 0; i < 7; i++) await h.client.api(`${base}/events`).post(singleEvent(`Seed ${i}`, 3 + i * 5));
    firstUrl = `${base}/calendarView/delta?${new URLSearchParams(windowAroundNow(1, 14)).toString()}`;
  });
  afterAll(() => h.close());

  it('pages the first round and ends with a deltaLink; a second round without changes is empty', async () => {
    const first = await deltaRound(h.client, firstUrl, 3);
    expect(first.pages).toBe(3);
    expect(first.items).toHaveLength(7);
    expect(first.items[0]).toEqual(
      expect.objectContaining({ '@odata.type': '#microsoft.graph.event', subject: expect.any(String), changeKey: expect.any(String) }),
    );
    expect(first.deltaLink).toContain('$deltatoken=');
    const second = await deltaRound(h.client, first.deltaLink, 3);
    expect(second.items).toEqual([]);
  });

  it('reports creates, updates and deletes made between rounds, deletions as @removed', async () => {
    const first = await deltaRound(h.client, firstUrl, 50);
    const [keep, edit, drop] = first.items as [{ id: string }, { id: string }, { id: string }];
    const created = await h.client.api(`${base}/events`).post(singleEvent('New between rounds', 50));
    await h.client.api(`${base}/events/${edit.id}`).patch({ categories: ['Blue category'] });
    await h.client.api(`${base}/events/${drop.id}`).delete();
    const next = await deltaRound(h.client, first.deltaLink, 50);
    expect(
      changed(next)
        .map((e) => e.id)
        .sort(),
    ).toEqual([created.id, edit.id].sort());
    expect(changed(next).find((e) => e.id === edit.id)?.categories).toEqual(['Blue category']);
    expect(removedIds(next)).toEqual([drop.id]);
    expect(next.items.find((i) => i['@removed'])).toEqual({ '@odata.type': '#microsoft.graph.event', id: drop.id, '@removed': { reason: 'deleted' } });
    expect(next.items.some((i) => i.id === keep.id)).toBe(false);
    const third = await deltaRound(h.client, next.deltaLink, 50);
    expect(third.items).toEqual([]);
  });

  it('reports an event moved out of the window as @removed', async () => {
    const first = await deltaRound(h.client, firstUrl, 50);
    const target = first.items[0] as { id: string };
    await h.client.api(`${base}/events/${target.id}`).patch(singleEvent('Moved far away', 24 * 60));
    const next = await deltaRound(h.client, first.deltaLink, 50);
    expect(removedIds(next)).toContain(target.id);
  });

  it('with the reference shape: a cancelled occurrence of a series as @removed and a changed occurrence in full', async () => {
    // The shape the reference page describes; what real Graph sends instead is in series-delta.test.ts.
    h.sandbox.deltaSeries.configure(referenceDeltaSeries);
    const day = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    const master = await h.client.api(`${base}/events`).post({
      subject: 'Series in delta',
      start: { dateTime: `${day}T07:00:00`, timeZone: 'UTC' },
      end: { dateTime: `${day}T07:30:00`, timeZone: 'UTC' },
      recurrence: { pattern: { type: 'daily', interval: 1 }, range: { type: 'numbered', startDate: day, numberOfOccurrences: 4 } },
    });
    const first = await deltaRound(h.client, firstUrl, 50);
    const occurrences = first.items.filter((i) => i.seriesMasterId === master.id);
    expect(occurrences).toHaveLength(4);
    await h.client.api(`${base}/events/${occurrences[1]?.id}`).delete();
    await h.client.api(`${base}/events/${occurrences[2]?.id}`).patch({ categories: ['Customer'] });
    const next = await deltaRound(h.client, first.deltaLink, 50);
    expect(removedIds(next)).toEqual([occurrences[1]?.id]);
    // The exception in full; the plain occurrences again too, because they carry the master's changeKey and
    // the exception (stored on the series item, as in Exchange) changed it.
    const masterNow = await h.client.api(`${base}/events/${master.id}`).get();
    expect(changed(next).map((e) => [e.id, e.type])).toEqual([
      [occurrences[0]?.id, 'occurrence'],
      [occurrences[2]?.id, 'exception'],
      [occurrences[3]?.id, 'occurrence'],
    ]);
    expect(
      changed(next)
        .filter((e) => e.type === 'occurrence')
        .map((e) => e.changeKey),
    ).toEqual([masterNow.changeKey, masterNow.changeKey]);
    h.sandbox.deltaSeries.configure(reportedDeltaSeries);
  });

  it('refuses $select, $filter and $orderby the way Graph does', async () => {
    for (const option of ['$select=subject', "$filter=subject eq 'x'", '$orderby=start/dateTime']) {
      const res = await h.raw('GET', `/v1.0${firstUrl}&${option}`);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('ErrorInvalidUrlQuery');
    }
  });

  it('answers a tampered or expired delta token with 410 SyncStateNotFound', async () => {
    const first = await deltaRound(h.client, firstUrl, 50);
    const tampered = first.deltaLink.replace(/\$deltatoken=(.)/, (_m, c: string) => `$deltatoken=${c === 'A' ? 'B' : 'A'}`);
    const bad = await h.raw('GET', tampered.slice(h.sandbox.baseUrl.length));
    expect(bad.status).toBe(410);
    expect(bad.body.error.code).toBe('SyncStateNotFound');
    h.sandbox.expireDeltaTokens();
    const expired = await h.raw('GET', first.deltaLink.slice(h.sandbox.baseUrl.length));
    expect(expired.status).toBe(410);
    const fresh = await deltaRound(h.client, firstUrl, 50);
    expect(fresh.items.length).toBeGreaterThan(0);
  });
});
