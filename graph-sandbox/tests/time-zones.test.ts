import { ResponseType } from '@microsoft/microsoft-graph-client';
import type { Event } from '@microsoft/microsoft-graph-types';
import { graphError, startHarness, type SandboxHarness } from './support/sandbox-client';
import { smallTenant } from './support/factories';

describe('graph sandbox: Prefer outlook.timezone', () => {
  let h: SandboxHarness;
  let id = '';
  beforeAll(async () => {
    h = await startHarness({ scenario: { document: smallTenant() } });
    // 09:00 in Berlin on a winter date is 08:00 UTC; on a summer date 07:00 UTC.
    const winter = await h.client.api('/users/ada@contoso.com/events').post({
      subject: 'Berlin morning',
      start: { dateTime: '2026-01-15T09:00:00', timeZone: 'W. Europe Standard Time' },
      end: { dateTime: '2026-01-15T10:00:00', timeZone: 'W. Europe Standard Time' },
    });
    id = winter.id;
  });
  afterAll(() => h.close());

  it('renders UTC when no time zone is preferred, keeping the original zone', async () => {
    const e = await h.client.api(`/users/ada@contoso.com/events/${id}`).get();
    expect(e.start).toEqual({ dateTime: '2026-01-15T08:00:00.0000000', timeZone: 'UTC' });
    expect(e.originalStartTimeZone).toBe('W. Europe Standard Time');
  });

  it('renders in an IANA zone', async () => {
    const e = await h.client.api(`/users/ada@contoso.com/events/${id}`).header('Prefer', 'outlook.timezone="America/New_York"').get();
    expect(e.start).toEqual({ dateTime: '2026-01-15T03:00:00.0000000', timeZone: 'America/New_York' });
  });

  it('renders in a Windows zone name and echoes it', async () => {
    const res: Response = await h.client
      .api(`/users/ada@contoso.com/events/${id}`)
      .header('Prefer', 'outlook.timezone="Pacific Standard Time"')
      .responseType(ResponseType.RAW)
      .get();
    expect((await res.json()).start).toEqual({ dateTime: '2026-01-15T00:00:00.0000000', timeZone: 'Pacific Standard Time' });
    expect(res.headers.get('preference-applied')).toBe('outlook.timezone="Pacific Standard Time"');
  });

  it('renders a calendarView in the preferred zone, occurrences and all-day events included', async () => {
    await h.client.api('/users/ada@contoso.com/events').post({
      subject: 'Berlin stand-up',
      start: { dateTime: '2026-01-19T09:00:00', timeZone: 'Europe/Berlin' },
      end: { dateTime: '2026-01-19T09:15:00', timeZone: 'Europe/Berlin' },
      recurrence: { pattern: { type: 'daily', interval: 1 }, range: { type: 'numbered', startDate: '2026-01-19', numberOfOccurrences: 2 } },
    });
    await h.client.api('/users/ada@contoso.com/events').post({
      subject: 'Offsite',
      isAllDay: true,
      start: { dateTime: '2026-01-21T00:00:00', timeZone: 'UTC' },
      end: { dateTime: '2026-01-22T00:00:00', timeZone: 'UTC' },
    });
    const view = { startDateTime: '2026-01-14T00:00:00Z', endDateTime: '2026-01-23T00:00:00Z' };
    const res: Response = await h.client
      .api('/users/ada@contoso.com/calendarView')
      .query(view)
      .header('Prefer', 'outlook.timezone="Tokyo Standard Time", odata.maxpagesize=50')
      .responseType(ResponseType.RAW)
      .get();
    expect(res.headers.get('preference-applied')).toContain('outlook.timezone="Tokyo Standard Time"');
    const items = ((await res.json()) as { value: Event[] }).value.map((e) => [e.subject, e.type, e.start, e.end]);
    const tokyo = (dateTime: string) => ({ dateTime, timeZone: 'Tokyo Standard Time' });
    expect(items).toEqual([
      ['Berlin morning', 'singleInstance', tokyo('2026-01-15T17:00:00.0000000'), tokyo('2026-01-15T18:00:00.0000000')],
      ['Berlin stand-up', 'occurrence', tokyo('2026-01-19T17:00:00.0000000'), tokyo('2026-01-19T17:15:00.0000000')],
      ['Berlin stand-up', 'occurrence', tokyo('2026-01-20T17:00:00.0000000'), tokyo('2026-01-20T17:15:00.0000000')],
      // All-day events are floating dates: midnight in whichever zone they are shown.
      ['Offsite', 'singleInstance', tokyo('2026-01-21T00:00:00.0000000'), tokyo('2026-01-22T00:00:00.0000000')],
    ]);
    const utc = await h.client.api('/users/ada@contoso.com/calendarView').query(view).get();
    expect((utc.value as Event[])[0]?.start).toEqual({ dateTime: '2026-01-15T08:00:00.0000000', timeZone: 'UTC' });
  });

  it('follows daylight saving time for a summer date', async () => {
    const summer = await h.client.api('/users/ada@contoso.com/events').post({
      subject: 'Berlin summer',
      start: { dateTime: '2026-07-15T09:00:00', timeZone: 'Europe/Berlin' },
      end: { dateTime: '2026-07-15T10:00:00', timeZone: 'Europe/Berlin' },
    });
    expect(summer.start.dateTime).toBe('2026-07-15T07:00:00.0000000');
    const tokyo = await h.client.api(`/users/ada@contoso.com/events/${summer.id}`).header('Prefer', 'outlook.timezone="Tokyo Standard Time"').get();
    expect(tokyo.start.dateTime).toBe('2026-07-15T16:00:00.0000000');
  });

  it('refuses an unknown time zone', async () => {
    const refused = await graphError(h.client.api(`/users/ada@contoso.com/events/${id}`).header('Prefer', 'outlook.timezone="Mars/Olympus"').get());
    expect(refused.statusCode).toBe(400);
    expect(refused.code).toBe('TimeZoneNotSupportedException');
  });
});
