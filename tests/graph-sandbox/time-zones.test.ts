import { startHarness, type SandboxHarness } from './support/sandbox-client';
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
    const res = await h.raw('GET', `/v1.0/users/ada@contoso.com/events/${id}`, { headers: { Prefer: 'outlook.timezone="Pacific Standard Time"' } });
    expect(res.body.start).toEqual({ dateTime: '2026-01-15T00:00:00.0000000', timeZone: 'Pacific Standard Time' });
    expect(res.headers.get('preference-applied')).toBe('outlook.timezone="Pacific Standard Time"');
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
    const res = await h.raw('GET', `/v1.0/users/ada@contoso.com/events/${id}`, { headers: { Prefer: 'outlook.timezone="Mars/Olympus"' } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('TimeZoneNotSupportedException');
  });
});
