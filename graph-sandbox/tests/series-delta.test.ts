/**
 * Series in calendarView/delta as developers report real Graph sends them (sources in
 * graph-sandbox/src/series-delta.ts), and the reference page's shape kept as an option.
 */
import type { Client } from '@microsoft/microsoft-graph-client';
import { referenceDeltaSeries, reportedDeltaSeries } from '../src/index';
import { dayFromToday, singleEvent, smallTenant } from './support/factories';
import { startHarness, type SandboxHarness } from './support/sandbox-client';

type Entry = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- delta JSON

/** A delta round page by page. */
async function pagesOf(client: Client, start: string, maxPageSize: number): Promise<{ pages: Entry[][]; deltaLink: string }> {
  const pages: Entry[][] = [];
  let url = start;
  for (let i = 0; i < 500; i++) {
    const page = await client.api(url).header('Prefer', `odata.maxpagesize=${maxPageSize}`).get();
    pages.push(page.value);
    if (page['@odata.deltaLink']) return { pages, deltaLink: page['@odata.deltaLink'] };
    url = page['@odata.nextLink'];
  }
  throw new Error('delta round did not end within 500 pages');
}

const stubKeys = ['@odata.type', '@odata.etag', 'id', 'seriesMasterId', 'type', 'start', 'end'];

describe('graph sandbox: series in calendarView/delta', () => {
  let h: SandboxHarness;
  const window = { startDateTime: `${dayFromToday(0)}T00:00:00Z`, endDateTime: `${dayFromToday(14)}T00:00:00Z` };
  const firstUrl = (user: string): string => `/users/${user}/calendarView/delta?${new URLSearchParams(window).toString()}`;

  beforeAll(async () => {
    h = await startHarness({ scenario: { document: smallTenant() } });
  });
  afterAll(() => h.close());
  afterEach(() => h.sandbox.deltaSeries.configure(reportedDeltaSeries));

  /** A daily series of `count` that began two days before the window, in `user`'s mailbox, with categories. */
  async function series(user: string, subject: string, count: number): Promise<Entry> {
    const first = dayFromToday(-2);
    return h.client.api(`/users/${user}/events`).post({
      subject,
      categories: ['Mine'],
      start: { dateTime: `${first}T07:00:00`, timeZone: 'UTC' },
      end: { dateTime: `${first}T07:30:00`, timeZone: 'UTC' },
      recurrence: { pattern: { type: 'daily', interval: 1 }, range: { type: 'numbered', startDate: first, numberOfOccurrences: count } },
    });
  }

  it('by default: occurrences are stubs, the master is its own full entry dated like its first occurrence in the window, an exception is whole', async () => {
    const master = await series('olivia@contoso.com', 'Stub series', 6);
    const instances = (await h.client.api(`/users/olivia@contoso.com/events/${master.id}/instances`).query(window).get()).value as Entry[];
    await h.client.api(`/users/olivia@contoso.com/events/${instances[1]!.id}`).patch({ subject: 'Moved room' });
    const { pages } = await pagesOf(h.client, firstUrl('olivia@contoso.com'), 50);
    const entries = pages.flat().filter((e) => e.id === master.id || e.seriesMasterId === master.id);
    expect(entries.map((e) => e.type)).toEqual(['seriesMaster', 'occurrence', 'exception', 'occurrence', 'occurrence']);
    for (const stub of entries.filter((e) => e.type === 'occurrence')) expect(Object.keys(stub)).toEqual(stubKeys);
    const [masterEntry, , exception] = entries as [Entry, Entry, Entry];
    expect(masterEntry).toMatchObject({
      id: master.id,
      subject: 'Stub series',
      categories: ['Mine'],
      recurrence: expect.any(Object),
      '@odata.etag': expect.any(String),
    });
    expect(masterEntry.start).toEqual(instances[0]!.start);
    expect(masterEntry.start.dateTime).not.toBe(master.start.dateTime);
    expect(exception).toMatchObject({ subject: 'Moved room', categories: ['Mine'], seriesMasterId: master.id });
  });

  it('by default: a deleted occurrence gets no @removed; the master and the remaining occurrences come again', async () => {
    const master = await series('ada@contoso.com', 'Shrinking series', 6);
    const first = await pagesOf(h.client, firstUrl('ada@contoso.com'), 50);
    const occurrences = first.pages.flat().filter((e) => e.seriesMasterId === master.id);
    expect(occurrences).toHaveLength(4);
    await h.client.api(`/users/ada@contoso.com/events/${occurrences[1]!.id}`).delete();
    const next = (await pagesOf(h.client, first.deltaLink, 50)).pages.flat();
    expect(next.filter((e) => e['@removed'])).toEqual([]);
    expect(next.map((e) => e.id).sort()).toEqual([master.id, occurrences[0]!.id, occurrences[2]!.id, occurrences[3]!.id].sort());
    const deletedSeries = await series('ada@contoso.com', 'Deleted series', 3);
    const before = await pagesOf(h.client, first.deltaLink, 50);
    await h.client.api(`/users/ada@contoso.com/events/${deletedSeries.id}`).delete();
    const gone = (await pagesOf(h.client, before.deltaLink, 50)).pages.flat();
    // The whole series deleted: its master (listed in delta) as @removed with its occurrence.
    expect(gone.filter((e) => e['@removed']).map((e) => e.id)).toContain(deletedSeries.id);
  });

  it('by default: a series is never split across pages, so a page may hold more than odata.maxpagesize', async () => {
    const master = await series('bo@contoso.com', 'Whole series', 8);
    for (let i = 0; i < 3; i++) await h.client.api('/users/bo@contoso.com/events').post(singleEvent(`Single ${i}`, 30 + i * 24));
    const { pages } = await pagesOf(h.client, firstUrl('bo@contoso.com'), 2);
    const holding = pages.filter((p) => p.some((e) => e.id === master.id || e.seriesMasterId === master.id));
    expect(holding).toHaveLength(1);
    expect(holding[0]!.length).toBeGreaterThan(2);
    expect(holding[0]!.filter((e) => e.seriesMasterId === master.id)).toHaveLength(6);
    expect(pages.flat().filter((e) => e.type === 'singleInstance')).toHaveLength(3);
    // Split anywhere when asked: every page at the exact size but the last.
    h.sandbox.deltaSeries.configure({ wholeSeriesPerPage: false });
    const split = await pagesOf(h.client, firstUrl('bo@contoso.com'), 2);
    expect(split.pages.slice(0, -1).every((p) => p.length === 2)).toBe(true);
  });

  it("as options: the master listed after its occurrences, dated by the series' start, or not at all; the reference page's whole occurrences", async () => {
    const master = await series('olivia@contoso.com', 'Optional shapes', 5);
    const seriesEntries = async (): Promise<Entry[]> =>
      (await pagesOf(h.client, firstUrl('olivia@contoso.com'), 50)).pages.flat().filter((e) => e.id === master.id || e.seriesMasterId === master.id);
    h.sandbox.deltaSeries.configure({ master: 'last' });
    expect((await seriesEntries()).map((e) => e.type)).toEqual(['occurrence', 'occurrence', 'occurrence', 'seriesMaster']);
    h.sandbox.deltaSeries.configure({ master: 'first', masterDated: 'seriesStart' });
    const dated = (await seriesEntries()).find((e) => e.type === 'seriesMaster')!;
    expect(dated.start).toEqual(master.start);
    h.sandbox.deltaSeries.configure({ master: 'none', masterDated: 'firstInWindow' });
    expect((await seriesEntries()).map((e) => e.type)).toEqual(['occurrence', 'occurrence', 'occurrence']);
    h.sandbox.deltaSeries.configure(referenceDeltaSeries);
    const whole = await seriesEntries();
    expect(whole.map((e) => e.type)).toEqual(['occurrence', 'occurrence', 'occurrence']);
    for (const occurrence of whole) expect(occurrence).toMatchObject({ subject: 'Optional shapes', categories: ['Mine'], attendees: [] });
  });
});
