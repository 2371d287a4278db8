import type { Event } from '@microsoft/microsoft-graph-types';
import fc from 'fast-check';
import { occurrenceDates } from '../src/recurrence';
import { startHarness, type SandboxHarness } from './support/sandbox-client';
import { smallTenant } from './support/factories';

const view = (h: SandboxHarness, from: string, to: string): Promise<Event[]> =>
  h.client
    .api('/users/olivia@contoso.com/calendarView')
    .query({ startDateTime: `${from}T00:00:00Z`, endDateTime: `${to}T00:00:00Z` })
    .header('Prefer', 'odata.maxpagesize=200')
    .get()
    .then((r: { value: Event[] }) => r.value);

describe('graph sandbox: recurring series, occurrences and exceptions', () => {
  let h: SandboxHarness;
  beforeAll(async () => {
    h = await startHarness({ scenario: { document: smallTenant() } });
  });
  afterAll(() => h.close());

  it('expands a weekly series into occurrences with seriesMasterId, and the master is type seriesMaster', async () => {
    const master = await h.client.api('/users/olivia@contoso.com/events').post({
      subject: 'Weekly sync',
      start: { dateTime: '2026-03-02T10:00:00', timeZone: 'UTC' },
      end: { dateTime: '2026-03-02T10:30:00', timeZone: 'UTC' },
      recurrence: {
        pattern: { type: 'weekly', interval: 1, daysOfWeek: ['monday', 'thursday'] },
        range: { type: 'endDate', startDate: '2026-03-02', endDate: '2026-03-19' },
      },
    });
    expect(master.type).toBe('seriesMaster');
    const items = (await view(h, '2026-03-01', '2026-03-31')).filter((e) => e.seriesMasterId === master.id);
    expect(items.map((e) => e.start?.dateTime?.slice(0, 10))).toEqual(['2026-03-02', '2026-03-05', '2026-03-09', '2026-03-12', '2026-03-16', '2026-03-19']);
    expect(items.every((e) => e.type === 'occurrence' && e.recurrence === null)).toBe(true);
  });

  it('turns a patched occurrence into an exception in place and a deleted occurrence disappears', async () => {
    const master = await h.client.api('/users/olivia@contoso.com/events').post({
      subject: 'Daily check',
      start: { dateTime: '2026-04-06T09:00:00', timeZone: 'UTC' },
      end: { dateTime: '2026-04-06T09:15:00', timeZone: 'UTC' },
      recurrence: { pattern: { type: 'daily', interval: 1 }, range: { type: 'numbered', startDate: '2026-04-06', numberOfOccurrences: 5 } },
    });
    const before = (await view(h, '2026-04-01', '2026-04-30')).filter((e) => e.seriesMasterId === master.id);
    expect(before).toHaveLength(5);
    const [, second, third] = before as [Event, Event, Event];
    await h.client
      .api(`/users/olivia@contoso.com/events/${second.id}`)
      .patch({ subject: 'Daily check (longer)', end: { dateTime: '2026-04-07T10:00:00', timeZone: 'UTC' }, categories: ['Customer'] });
    await h.client.api(`/users/olivia@contoso.com/events/${third.id}`).delete();
    const after = (await view(h, '2026-04-01', '2026-04-30')).filter((e) => e.seriesMasterId === master.id);
    expect(after.map((e) => e.type)).toEqual(['occurrence', 'exception', 'occurrence', 'occurrence']);
    const exception = after[1] as Event;
    expect(exception.id).toBe(second.id);
    expect(exception.subject).toBe('Daily check (longer)');
    expect(exception.categories).toEqual(['Customer']);
    expect(exception.end?.dateTime).toBe('2026-04-07T10:00:00.0000000');
    expect(after.some((e) => e.id === third.id)).toBe(false);
    const gone = await h.raw('GET', `/v1.0/users/olivia@contoso.com/events/${third.id}`);
    expect(gone.status).toBe(404);
  });

  it('expands absoluteMonthly with a noEnd range up to the window only', async () => {
    const master = await h.client.api('/users/olivia@contoso.com/events').post({
      subject: 'Month end',
      start: { dateTime: '2026-01-28T15:00:00', timeZone: 'UTC' },
      end: { dateTime: '2026-01-28T16:00:00', timeZone: 'UTC' },
      recurrence: { pattern: { type: 'absoluteMonthly', interval: 1, dayOfMonth: 28 }, range: { type: 'noEnd', startDate: '2026-01-28' } },
    });
    const items = (await view(h, '2026-01-01', '2026-07-01')).filter((e) => e.seriesMasterId === master.id);
    expect(items.map((e) => e.start?.dateTime?.slice(0, 10))).toEqual(['2026-01-28', '2026-02-28', '2026-03-28', '2026-04-28', '2026-05-28', '2026-06-28']);
  });

  it('returns every recurrence field of a master, defaults where the request left them out (Create event, responses 3 and 4)', async () => {
    const weekly = await h.client.api('/users/olivia@contoso.com/events').post({
      subject: 'Lunch series',
      start: { dateTime: '2026-09-07T12:00:00', timeZone: 'Pacific Standard Time' },
      end: { dateTime: '2026-09-07T14:00:00', timeZone: 'Pacific Standard Time' },
      recurrence: {
        pattern: { type: 'weekly', interval: 1, daysOfWeek: ['Monday'] },
        range: { type: 'endDate', startDate: '2026-09-07', endDate: '2026-12-31' },
      },
    });
    expect(weekly.recurrence).toEqual({
      pattern: { type: 'weekly', interval: 1, month: 0, dayOfMonth: 0, daysOfWeek: ['monday'], firstDayOfWeek: 'sunday', index: 'first' },
      range: { type: 'endDate', startDate: '2026-09-07', endDate: '2026-12-31', recurrenceTimeZone: 'Pacific Standard Time', numberOfOccurrences: 0 },
    });
    const daily = await h.client.api('/users/olivia@contoso.com/events').post({
      subject: 'Two days',
      start: { dateTime: '2026-09-08T09:00:00', timeZone: 'UTC' },
      end: { dateTime: '2026-09-08T09:30:00', timeZone: 'UTC' },
      recurrence: {
        pattern: { type: 'daily', interval: 1 },
        range: { type: 'numbered', startDate: '2026-09-08', numberOfOccurrences: 2, recurrenceTimeZone: 'Europe/London' },
      },
    });
    // As in the docs' daily master: no daysOfWeek, an unset endDate as 0001-01-01, a given time zone kept.
    const read = await h.client.api(`/users/olivia@contoso.com/events/${daily.id}`).get();
    expect(read.recurrence).toEqual({
      pattern: { type: 'daily', interval: 1, month: 0, dayOfMonth: 0, firstDayOfWeek: 'sunday', index: 'first' },
      range: { type: 'numbered', startDate: '2026-09-08', endDate: '0001-01-01', recurrenceTimeZone: 'Europe/London', numberOfOccurrences: 2 },
    });
    // The defaults are only shown: a master PATCHed with its rendered recurrence still has the same occurrences.
    const before = (await view(h, '2026-09-01', '2026-10-01')).filter((e) => e.seriesMasterId === weekly.id).map((e) => e.start?.dateTime);
    await h.client.api(`/users/olivia@contoso.com/events/${weekly.id}`).patch({ recurrence: weekly.recurrence });
    expect((await view(h, '2026-09-01', '2026-10-01')).filter((e) => e.seriesMasterId === weekly.id).map((e) => e.start?.dateTime)).toEqual(before);
    expect(before).toHaveLength(4);
  });

  it('lists occurrences through /events/{id}/instances', async () => {
    const master = await h.client.api('/users/olivia@contoso.com/events').post({
      subject: 'Fortnightly',
      start: { dateTime: '2026-05-04T08:00:00', timeZone: 'UTC' },
      end: { dateTime: '2026-05-04T08:30:00', timeZone: 'UTC' },
      recurrence: {
        pattern: { type: 'weekly', interval: 2, daysOfWeek: ['monday'] },
        range: { type: 'numbered', startDate: '2026-05-04', numberOfOccurrences: 3 },
      },
    });
    const res = await h.client
      .api(`/users/olivia@contoso.com/events/${master.id}/instances`)
      .query({ startDateTime: '2026-05-01T00:00:00Z', endDateTime: '2026-07-01T00:00:00Z' })
      .get();
    expect((res.value as Event[]).map((e) => e.start?.dateTime?.slice(0, 10))).toEqual(['2026-05-04', '2026-05-18', '2026-06-01']);
  });

  it('expands relativeMonthly (second Tuesday) and absoluteYearly patterns', () => {
    expect(
      occurrenceDates(
        {
          pattern: { type: 'relativeMonthly', interval: 1, daysOfWeek: ['tuesday'], index: 'second' },
          range: { type: 'numbered', startDate: '2026-01-01', numberOfOccurrences: 3 },
        },
        '2030-01-01',
      ),
    ).toEqual(['2026-01-13', '2026-02-10', '2026-03-10']);
    expect(
      occurrenceDates(
        {
          pattern: { type: 'absoluteYearly', interval: 1, month: 3, dayOfMonth: 15 },
          range: { type: 'endDate', startDate: '2026-01-01', endDate: '2028-12-31' },
        },
        '2030-01-01',
      ),
    ).toEqual(['2026-03-15', '2027-03-15', '2028-03-15']);
  });

  it('a numbered range yields exactly numberOfOccurrences dates for any daily or weekly pattern', () => {
    const days = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 4 }),
        fc.subarray([...days], { minLength: 1 }),
        fc.boolean(),
        (count, interval, daysOfWeek, weekly) => {
          const dates = occurrenceDates(
            {
              pattern: weekly ? { type: 'weekly', interval, daysOfWeek: [...daysOfWeek] } : { type: 'daily', interval },
              range: { type: 'numbered', startDate: '2026-01-01', numberOfOccurrences: count },
            },
            '2030-12-31',
          );
          expect(dates).toHaveLength(count);
          expect([...dates].sort()).toEqual(dates);
        },
      ),
    );
  });
});
