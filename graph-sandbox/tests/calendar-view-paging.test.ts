import { PageIterator, ResponseType, type PageCollection } from '@microsoft/microsoft-graph-client';
import type { Event } from '@microsoft/microsoft-graph-types';
import { graphError, startHarness, type SandboxHarness } from './support/sandbox-client';
import { singleEvent, smallTenant } from './support/factories';

describe('graph sandbox: calendarView paging', () => {
  let h: SandboxHarness;
  const window = { startDateTime: '', endDateTime: '' };
  beforeAll(async () => {
    h = await startHarness({ scenario: { document: smallTenant() } });
    for (let i = 0; i < 23; i++) await h.client.api('/users/bo@contoso.com/events').post(singleEvent(`Meeting ${i}`, 2 + i * 3));
    window.startDateTime = new Date(Date.now() - 86_400_000).toISOString();
    window.endDateTime = new Date(Date.now() + 10 * 86_400_000).toISOString();
  });
  afterAll(() => h.close());

  it("pages with @odata.nextLink at Graph's default of 10 and a PageIterator collects every event once", async () => {
    const first: PageCollection = await h.client.api('/users/bo@contoso.com/calendarView').query(window).get();
    expect(first.value).toHaveLength(10);
    expect(first['@odata.nextLink']).toContain(h.sandbox.baseUrl);
    const subjects: string[] = [];
    const iterator = new PageIterator(h.client, first, (e: Event) => {
      subjects.push(e.subject as string);
      return true;
    });
    await iterator.iterate();
    expect(subjects).toHaveLength(23);
    expect(new Set(subjects).size).toBe(23);
  });

  it('honours Prefer: odata.maxpagesize and says so in Preference-Applied', async () => {
    const res: Response = await h.client
      .api('/users/bo@contoso.com/calendarView')
      .query(window)
      .header('Prefer', 'odata.maxpagesize=5')
      .responseType(ResponseType.RAW)
      .get();
    expect((await res.json()).value).toHaveLength(5);
    expect(res.headers.get('preference-applied')).toContain('odata.maxpagesize=5');
  });

  it('returns instances ordered by start and only those overlapping the window', async () => {
    const narrow = { startDateTime: new Date(Date.now() + 3 * 3_600_000).toISOString(), endDateTime: new Date(Date.now() + 12 * 3_600_000).toISOString() };
    const res = await h.client.api('/users/bo@contoso.com/calendarView').query(narrow).header('Prefer', 'odata.maxpagesize=50').get();
    const starts = (res.value as Event[]).map((e) => Date.parse(`${e.start?.dateTime}Z`));
    expect(starts.length).toBeGreaterThan(0);
    expect([...starts].sort((a, b) => a - b)).toEqual(starts);
    for (const e of res.value as Event[]) {
      expect(Date.parse(`${e.end?.dateTime}Z`)).toBeGreaterThan(Date.parse(narrow.startDateTime));
      expect(Date.parse(`${e.start?.dateTime}Z`)).toBeLessThan(Date.parse(narrow.endDateTime));
    }
  });

  it('requires startDateTime and endDateTime', async () => {
    expect((await graphError(h.client.api('/users/bo@contoso.com/calendarView').get())).statusCode).toBe(400);
  });
});
