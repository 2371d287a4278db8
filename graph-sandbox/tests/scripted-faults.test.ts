/**
 * The sandbox's scripted faults, as Graph sends them: 429/503 with and without Retry-After at the top level and
 * inside $batch, `every N` schedules, a calendarView/delta nextLink that serves the same page forever under new
 * links (msgraph-sdk-dotnet#3082), and expired delta tokens refused with a 40X other than 410.
 */
import { startHarness, windowAroundNow, type SandboxHarness } from './support/sandbox-client';
import { singleEvent, smallTenant } from './support/factories';

const MAILBOX = '/v1.0/users/ada@contoso.com';

describe('graph sandbox: scripted faults', () => {
  let h: SandboxHarness;
  beforeAll(async () => {
    h = await startHarness({ scenario: { document: smallTenant() } });
    for (let i = 0; i < 5; i++) await h.raw('POST', `${MAILBOX}/events`, { body: singleEvent(`Event ${i}`, 24 + i) });
  });
  afterAll(() => h.close());
  afterEach(() => {
    h.sandbox.faults.clearScript();
    h.sandbox.faults.configure({ deltaLoopAfterPages: 0 });
  });

  test('top-level faults answer the next matching requests in order, Retry-After only when scripted', async () => {
    h.sandbox.faults.script(
      { kind: 'status', status: 429, match: { level: 'top', method: 'GET' } },
      { kind: 'status', status: 503, retryAfterSeconds: 120, match: { level: 'top', method: 'GET' } },
    );
    const first = await h.raw('GET', `${MAILBOX}/mailboxSettings`);
    const second = await h.raw('GET', `${MAILBOX}/mailboxSettings`);
    const third = await h.raw('GET', `${MAILBOX}/mailboxSettings`);
    expect([first.status, second.status, third.status]).toEqual([429, 503, 200]);
    expect(first.headers.get('retry-after')).toBeNull();
    expect(first.body.error.code).toBe('TooManyRequests');
    expect(second.headers.get('retry-after')).toBe('120');
    expect(second.body.error.code).toBe('serviceNotAvailable');
    expect(h.sandbox.faults.scriptedLeft()).toBe(0);
  });

  test('inner faults answer requests inside a $batch, each with its own status and headers', async () => {
    h.sandbox.faults.script(
      { kind: 'status', status: 429, retryAfterSeconds: 2, match: { level: 'inner' } },
      { kind: 'status', status: 503, match: { level: 'inner' } },
    );
    const requests = [1, 2, 3].map((id) => ({ id: String(id), method: 'GET', url: '/users/ada@contoso.com/mailboxSettings' }));
    const batch = await h.raw('POST', '/v1.0/$batch', { body: { requests } });
    expect(batch.status).toBe(200);
    const byId = Object.fromEntries((batch.body.responses as Array<{ id: string; status: number; headers: Record<string, string> }>).map((r) => [r.id, r]));
    expect([byId['1']?.status, byId['2']?.status, byId['3']?.status].sort()).toEqual([200, 429, 503]);
    const throttled = Object.values(byId).find((r) => r.status === 429);
    expect(throttled?.headers['Retry-After']).toBe('2');
    expect(Object.values(byId).find((r) => r.status === 503)?.headers['Retry-After']).toBeUndefined();
  });

  test('an `every N` fault answers exactly every Nth matching request', async () => {
    h.sandbox.faults.script({ kind: 'status', status: 503, retryAfterSeconds: 0, match: { level: 'top' }, every: 3 });
    const statuses: number[] = [];
    for (let i = 0; i < 9; i++) statuses.push((await h.raw('GET', `${MAILBOX}/mailboxSettings`)).status);
    expect(statuses).toEqual([200, 200, 503, 200, 200, 503, 200, 200, 503]);
  });

  test('the delta page loop serves the same page under a new nextLink each time, and never a deltaLink', async () => {
    h.sandbox.faults.configure({ deltaLoopAfterPages: 1 });
    const q = new URLSearchParams(windowAroundNow());
    const headers = { Prefer: 'odata.maxpagesize=2' };
    const first = await h.raw('GET', `${MAILBOX}/calendarView/delta?${q.toString()}`, { headers });
    const links: string[] = [first.body['@odata.nextLink']];
    const pages: string[][] = [];
    for (let i = 0; i < 4; i++) {
      const page = await h.raw('GET', links.at(-1)!.replace(h.sandbox.baseUrl, ''), { headers });
      expect(page.status).toBe(200);
      expect(page.body['@odata.deltaLink']).toBeUndefined();
      pages.push((page.body.value as Array<{ id: string }>).map((e) => e.id));
      links.push(page.body['@odata.nextLink']);
    }
    expect(new Set(links).size).toBe(links.length);
    expect(pages[0]).toHaveLength(2);
    for (const p of pages) expect(p).toEqual(pages[0]);
  });

  test('expired delta tokens can be refused with another 40X carrying syncStateNotFound', async () => {
    const q = new URLSearchParams(windowAroundNow());
    let link: string | undefined = `${MAILBOX}/calendarView/delta?${q.toString()}`;
    let deltaLink = '';
    for (let i = 0; link && i < 10; i++) {
      const page = await h.raw('GET', link);
      deltaLink = page.body['@odata.deltaLink'] ?? deltaLink;
      link = page.body['@odata.nextLink']?.replace(h.sandbox.baseUrl, '');
    }
    h.sandbox.expireDeltaTokens({ status: 400, code: 'syncStateNotFound' });
    try {
      const expired = await h.raw('GET', deltaLink.replace(h.sandbox.baseUrl, ''));
      expect(expired.status).toBe(400);
      expect(expired.body.error.code).toBe('syncStateNotFound');
    } finally {
      h.sandbox.expireDeltaTokens({ status: 410, code: 'SyncStateNotFound' });
    }
  });
});
