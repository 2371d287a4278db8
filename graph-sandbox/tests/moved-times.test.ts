/**
 * A time moved after it was read shows its new value in the next delta round and calendar view: the guard for any
 * memo of converted times or rendered events (the sandbox's views are cached per mailbox version; a write path that
 * changed a stored time in place instead of replacing it would serve the old instant from such a memo).
 */
import { changed, deltaRound } from './support/delta';
import { dayFromToday, smallTenant } from './support/factories';
import { startHarness, type SandboxHarness } from './support/sandbox-client';

type Entry = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- Graph JSON

describe('graph sandbox: times moved after a read', () => {
  let h: SandboxHarness;
  const user = 'olivia@contoso.com';
  const window = { startDateTime: `${dayFromToday(0)}T00:00:00Z`, endDateTime: `${dayFromToday(14)}T00:00:00Z` };
  const query = new URLSearchParams(window).toString();
  const viewOf = async (): Promise<Entry[]> => (await h.client.api(`/users/${user}/calendarView?${query}`).top(100).get()).value as Entry[];
  const byId = (entries: Entry[], id: string): Entry | undefined => entries.find((e) => e.id === id);

  beforeAll(async () => {
    h = await startHarness({ scenario: { document: smallTenant() } });
  });
  afterAll(() => h.close());

  it('a single event and one occurrence of a series, each moved in another zone, are read at their new times', async () => {
    const day = dayFromToday(3);
    const single: Entry = await h.client.api(`/users/${user}/events`).post({
      subject: 'Will move',
      start: { dateTime: `${day}T09:00:00`, timeZone: 'UTC' },
      end: { dateTime: `${day}T10:00:00`, timeZone: 'UTC' },
    });
    const master: Entry = await h.client.api(`/users/${user}/events`).post({
      subject: 'Daily',
      start: { dateTime: `${dayFromToday(1)}T07:00:00`, timeZone: 'UTC' },
      end: { dateTime: `${dayFromToday(1)}T07:30:00`, timeZone: 'UTC' },
      recurrence: { pattern: { type: 'daily', interval: 1 }, range: { type: 'numbered', startDate: dayFromToday(1), numberOfOccurrences: 5 } },
    });
    // Read first: the first round and the view convert every stored time once.
    const first = await deltaRound(h.client, `/users/${user}/calendarView/delta?${query}`);
    const before = await viewOf();
    expect(byId(before, single.id)?.start.dateTime).toBe(`${day}T09:00:00.0000000`);
    const occurrence = before.find((e) => e.seriesMasterId === master.id && e.start.dateTime.startsWith(dayFromToday(2)));
    expect(occurrence).toBeDefined();

    // Tokyo is UTC+9 all year: 18:30 there is 09:30 UTC.
    await h.client.api(`/users/${user}/events/${single.id}`).patch({
      start: { dateTime: `${day}T18:30:00`, timeZone: 'Tokyo Standard Time' },
      end: { dateTime: `${day}T19:30:00`, timeZone: 'Tokyo Standard Time' },
    });
    await h.client.api(`/users/${user}/events/${occurrence!.id}`).patch({
      start: { dateTime: `${dayFromToday(2)}T20:00:00`, timeZone: 'Tokyo Standard Time' },
      end: { dateTime: `${dayFromToday(2)}T20:45:00`, timeZone: 'Tokyo Standard Time' },
    });

    const second = changed(await deltaRound(h.client, first.deltaLink));
    expect(byId(second, single.id)).toMatchObject({ start: { dateTime: `${day}T09:30:00.0000000` }, end: { dateTime: `${day}T10:30:00.0000000` } });
    expect(byId(second, occurrence!.id)).toMatchObject({
      type: 'exception',
      start: { dateTime: `${dayFromToday(2)}T11:00:00.0000000` },
      end: { dateTime: `${dayFromToday(2)}T11:45:00.0000000` },
    });

    const after = await viewOf();
    expect(byId(after, single.id)).toMatchObject({ start: { dateTime: `${day}T09:30:00.0000000` }, end: { dateTime: `${day}T10:30:00.0000000` } });
    expect(byId(after, occurrence!.id)).toMatchObject({ start: { dateTime: `${dayFromToday(2)}T11:00:00.0000000` } });
    // The view is ordered by the new instants.
    const starts = after.map((e) => Date.parse(`${e.start.dateTime.slice(0, 19)}Z`));
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
  });
});
