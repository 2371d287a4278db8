/**
 * Entra's throttling of directory requests, apart from Outlook's per-mailbox limits (src/directory-throttling.ts):
 * each request's documented resource-unit cost in `x-ms-resource-unit`, a budget per app and tenant by tenant size,
 * and the 429 with Retry-After and the throttle-scope headers when it is spent.
 */
import { DirectoryThrottle, requestCost, resourceUnitsForTenantSize } from '../src/directory-throttling';
import { startHarness, type SandboxHarness } from './support/sandbox-client';
import { EVENTUAL, GROUP, teamsTenant } from './support/factories';

const q = (path: string, params: Record<string, string> = {}) => `/v1.0${path}${Object.keys(params).length ? `?${new URLSearchParams(params)}` : ''}`;

describe('graph sandbox: directory throttling', () => {
  let h: SandboxHarness;
  beforeAll(async () => {
    h = await startHarness({ scenario: { document: teamsTenant() } });
  });
  afterAll(() => h.close());
  afterEach(() => {
    h.sandbox.directoryLimits.configure({ resourceUnitsPerWindow: null, windowMs: 10_000 });
    h.sandbox.directoryLimits.resetCounters();
  });

  it.each([
    ['GET /users', q('/users'), 2],
    ['GET /users with $select', q('/users', { $select: 'id,mail' }), 1],
    ['GET /groups/{id}/transitiveMembers', q(`/groups/${GROUP.sales}/transitiveMembers`), 5],
    ['… with $select', q(`/groups/${GROUP.sales}/transitiveMembers`, { $select: 'id' }), 4],
    ['… with $select and $top under 20', q(`/groups/${GROUP.sales}/transitiveMembers`, { $select: 'id', $top: '5' }), 3],
    ['GET /users/{id}/transitiveMemberOf (as me/transitiveMemberOf)', q('/users/ada@contoso.com/transitiveMemberOf'), 2],
    ['GET /groups/{id} with $select: never under 1', q(`/groups/${GROUP.sales}`, { $select: 'id' }), 1],
    ['GET /groups/delta', q('/groups/delta', { $select: 'members' }), 1],
  ])('%s costs its documented resource units', async (_name, path, cost) => {
    const res = await h.raw('GET', path, { headers: EVENTUAL });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-ms-resource-unit')).toBe(String(cost));
  });

  it('POST /directoryObjects/getByIds costs 3', async () => {
    const res = await h.raw('POST', '/v1.0/directoryObjects/getByIds', { body: { ids: [GROUP.sales], types: ['group'] } });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-ms-resource-unit')).toBe('3');
  });

  it('a mailbox request is Outlook’s, not the directory’s: no resource units', async () => {
    const res = await h.raw('GET', q('/users/ada@contoso.com/calendar/events'));
    expect(res.status).toBe(200);
    expect(res.headers.get('x-ms-resource-unit')).toBeNull();
  });

  it('a spent budget answers 429 with Retry-After and the throttle scope, and a new window serves again', async () => {
    // An hour's window, started afresh: the budget runs out here however slow the machine.
    h.sandbox.directoryLimits.configure({ resourceUnitsPerWindow: 10, windowMs: 3_600_000 });
    h.sandbox.directoryLimits.resetCounters();
    const page = q(`/groups/${GROUP.sales}/transitiveMembers`, { $select: 'id' });
    expect((await h.raw('GET', page)).status).toBe(200);
    expect((await h.raw('GET', page)).status).toBe(200);
    const refused = await h.raw('GET', page);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(refused.headers.get('x-ms-throttle-scope')).toMatch(/^Tenant_Application\/ReadWrite\/[0-9a-f-]+\/[0-9a-f-]+$/);
    expect(refused.headers.get('x-ms-throttle-information')).toBe('ResourceUnitLimitExceeded');
    // What is left (2) still serves a cheaper request.
    expect((await h.raw('GET', q(`/groups/${GROUP.sales}`))).status).toBe(200);
    h.sandbox.directoryLimits.resetCounters();
    expect((await h.raw('GET', page)).status).toBe(200);
  });
});

describe('the directory budget', () => {
  it('follows the tenant size: under 50 users 3,500, up to 500 users 5,000, above 8,000', () => {
    expect([1, 49, 50, 500, 501, 20_000].map(resourceUnitsForTenantSize)).toEqual([3_500, 3_500, 5_000, 5_000, 8_000, 8_000]);
  });

  it('is kept per app and tenant, in windows of its length', () => {
    let now = 0;
    const throttle = new DirectoryThrottle({ resourceUnitsPerWindow: 5, windowMs: 10_000 }, () => now);
    expect(throttle.charge('app', 't1', 5, 10)).toEqual({ 'x-ms-resource-unit': '5' });
    expect(() => throttle.charge('app', 't1', 1, 10)).toThrow(
      expect.objectContaining({ status: 429, headers: expect.objectContaining({ 'Retry-After': '10' }) }),
    );
    expect(() => throttle.charge('app', 't2', 5, 10)).not.toThrow();
    expect(() => throttle.charge('other', 't1', 5, 10)).not.toThrow();
    now = 9_500;
    expect(() => throttle.charge('app', 't1', 1, 10)).toThrow(expect.objectContaining({ headers: expect.objectContaining({ 'Retry-After': '1' }) }));
    now = 10_000;
    expect(() => throttle.charge('app', 't1', 5, 10)).not.toThrow();
  });

  it('prices query options as documented, never under 1', () => {
    const p = (s: string) => new URLSearchParams(s);
    expect(requestCost(5, p(''))).toBe(5);
    expect(requestCost(5, p('$select=id&$top=999'))).toBe(4);
    expect(requestCost(5, p('$select=id&$top=19'))).toBe(3);
    expect(requestCost(1, p('$expand=members'))).toBe(2);
    expect(requestCost(1, p('$select=id&$top=1'))).toBe(1);
  });
});
