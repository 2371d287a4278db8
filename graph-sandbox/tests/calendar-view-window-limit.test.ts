/**
 * Graph refuses a calendarView window longer than 1,825 days (microsoftgraph/microsoft-graph-docs#6284); the
 * sandbox does the same for calendarView and for the first request of calendarView/delta.
 */
import { graphError, startHarness, type SandboxHarness } from './support/sandbox-client';
import { smallTenant } from './support/factories';

const DAY = 86_400_000;
const window = (startIso: string, ms: number) => ({ startDateTime: startIso, endDateTime: new Date(Date.parse(startIso) + ms).toISOString() });

describe('graph sandbox: the calendarView window limit', () => {
  let h: SandboxHarness;
  beforeAll(async () => {
    h = await startHarness({ scenario: { document: smallTenant() } });
  });
  afterAll(() => h.close());

  test.each(['calendarView', 'calendarView/delta'])('%s accepts exactly 1,825 days', async (path) => {
    const res = await h.client
      .api(`/users/ada@contoso.com/${path}`)
      .query(window('2026-01-01T00:00:00Z', 1825 * DAY))
      .get();
    expect(Array.isArray(res.value)).toBe(true);
  });

  test.each(['calendarView', 'calendarView/delta'])('%s refuses a minute more with 400 ErrorInvalidRequest', async (path) => {
    const err = await graphError(
      h.client
        .api(`/users/ada@contoso.com/${path}`)
        .query(window('2026-01-01T00:00:00Z', 1825 * DAY + 60_000))
        .get(),
    );
    expect([err.statusCode, err.code]).toEqual([400, 'ErrorInvalidRequest']);
    expect(err.message).toContain('Maximum number of days: 1825');
  });

  test("five calendar years with a leap day (the issue's own request: 1,827 days) are refused", async () => {
    const err = await graphError(
      h.client.api('/users/ada@contoso.com/calendarView').query({ startDateTime: '2019-11-12T08:49:06Z', endDateTime: '2024-11-12T08:49:06Z' }).get(),
    );
    expect([err.statusCode, err.code]).toEqual([400, 'ErrorInvalidRequest']);
  });
});
