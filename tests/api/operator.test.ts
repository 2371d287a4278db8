/**
 * The operator page (issue #15) over HTTP: sign-in through the operator tenant (ID token by form_post, state and
 * nonce bound to the browser, the CalSync.Operator role), the session, the tenant rows counted from the round
 * records, and every refusal — no role, another tenant, a foreign or replayed state, a forged or expired session.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { createApp } from '../../server/app';
import { operatorIdTokenVerifier, OPERATOR_ROLE } from '../../server/auth/operator-id-token';
import { OperatorSessions, OPERATOR_SESSION_TTL_MS } from '../../server/http/operator/operator-session';
import { openSqliteStores } from '../../server/store/sqlite';
import { emptySyncState, type LastRoundRecord } from '../../server/store/sync-state';
import type { Stores } from '../../server/store/types';
import { tempSqliteDir, type TempDir } from '../support/sqlite';
import { customerRecord } from '../support/tenants';
import { startTestIssuer, type TestIssuer } from '../support/token-issuer';

const OPERATOR_TENANT = '0f0f0f0f-1111-4111-8111-00000000000f';
const OTHER_TENANT = '0e0e0e0e-2222-4222-8222-00000000000e';
const CLIENT_ID = '5a5a5a5a-3333-4333-8333-00000000005a';
const AUTHORITY = 'https://login.example.test';
const CONTOSO = 'c0c0c0c0-4444-4444-8444-0000000000c0';
const FABRIKAM = 'fabfabfa-5555-4555-8555-0000000000fa';
const NORTHWIND = '0a0a0a0a-6666-4666-8666-0000000000aa';
const SESSION_KEY = Buffer.alloc(32, 7);
const NOW = new Date('2026-12-03T10:00:00.000Z');

let issuer: TestIssuer;
let stores: Stores;
let temp: TempDir;
let server: http.Server;
let base: string;
let clock = NOW.getTime();

const minutesAgo = (m: number) => new Date(NOW.getTime() - m * 60_000).toISOString();
const round = (endedAt: string, overrides: Partial<LastRoundRecord> = {}): LastRoundRecord => ({
  startedAt: endedAt,
  endedAt,
  outcome: 'done',
  eventsColoured: 2,
  failedEvents: 0,
  error: null,
  lastSuccess: { startedAt: endedAt, endedAt },
  ...overrides,
});

beforeAll(async () => {
  issuer = await startTestIssuer();
  temp = tempSqliteDir();
  stores = openSqliteStores({ path: temp.dbPath() });
  const at = NOW.toISOString();
  await stores.tenants.create(
    customerRecord(CONTOSO, { displayName: 'Contoso <b>Ltd</b>', plan: { seats: 50, termStart: '2026-06-01', termEnd: '2027-06-01', graceDays: 14 } }),
  );
  await stores.tenants.create(
    customerRecord(FABRIKAM, {
      displayName: 'Fabrikam',
      status: 'suspended',
      plan: { seats: 10, termStart: '2025-11-01', termEnd: '2026-11-25', graceDays: 14 },
    }),
  );
  await stores.tenants.create(customerRecord(NORTHWIND, { displayName: 'Northwind', status: 'invited' }));
  const settings = { internalDomains: ['contoso.com'], syncWindowDays: { past: 30, future: 365 }, orgRulesLocked: false, updatedAt: at, updatedBy: 'test' };
  await stores.settings.put(
    { ...settings, tenantId: CONTOSO, enrolledMailboxes: ['ada@contoso.com', 'bo@contoso.com', 'cy@contoso.com', 'di@contoso.com'] },
    null,
  );
  await stores.settings.put({ ...settings, tenantId: NORTHWIND, enrolledMailboxes: 'all' }, null);
  // Contoso: Ada synced 10 min ago (with 3 + 2 429s within the hour, 1 before it); Bo failing (his last success 2 h ago);
  // Cy being synced now after a failure (not counted failing); Di never synced.
  await stores.syncState.put(
    {
      ...emptySyncState(CONTOSO, 'ada@contoso.com'),
      lastRound: round(minutesAgo(10), {
        throttled: [
          [minutesAgo(70), 1],
          [minutesAgo(40), 3],
          [minutesAgo(10), 2],
        ],
      }),
    },
    null,
  );
  await stores.syncState.put(
    {
      ...emptySyncState(CONTOSO, 'bo@contoso.com'),
      lastRound: round(minutesAgo(5), {
        outcome: 'failed',
        error: { name: 'GraphCallError', status: 500 },
        lastSuccess: { startedAt: minutesAgo(120), endedAt: minutesAgo(120) },
      }),
    },
    null,
  );
  await stores.syncState.put(
    {
      ...emptySyncState(CONTOSO, 'cy@contoso.com'),
      lease: { holder: 'w', expiresAt: minutesAgo(-3) },
      lastRound: round(minutesAgo(20), { outcome: 'incomplete', lastSuccess: null }),
    },
    null,
  );
  await stores.syncState.put({ ...emptySyncState(FABRIKAM, 'fay@fabrikam.com'), lastRound: round(minutesAgo(60 * 24 * 8)) }, null);

  const app = createApp({
    stores,
    verifier: { verify: () => Promise.reject(new Error('no bearer calls here')) },
    logger: pino({ level: 'silent' }),
    now: () => new Date(clock),
    operator: {
      verifyIdToken: operatorIdTokenVerifier({
        jwksUrl: issuer.jwksUrl,
        issuerTemplate: issuer.issuerTemplate,
        clientId: CLIENT_ID,
        operatorTenant: OPERATOR_TENANT,
      }),
      sessionKey: SESSION_KEY,
      operatorTenant: OPERATOR_TENANT,
      clientId: CLIENT_ID,
      authorityHost: AUTHORITY,
    },
  });
  server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await stores.close();
  temp.remove();
  await issuer.close();
});

beforeEach(() => {
  clock = NOW.getTime();
});

const cookieFrom = (res: Response, name: string): string | undefined =>
  res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith(`${name}=`) && c.length > name.length + 1);

/** GET /operator without a session: the authorize URL and the state cookie it set. */
async function startSignIn(): Promise<{ authorize: URL; stateCookie: string; state: string }> {
  const res = await fetch(`${base}/operator`, { redirect: 'manual' });
  expect(res.status).toBe(302);
  const authorize = new URL(res.headers.get('location')!);
  return { authorize, stateCookie: cookieFrom(res, 'calsync_operator_state')!, state: authorize.searchParams.get('state')! };
}

function idToken(claims: Record<string, unknown>): Promise<string> {
  return issuer.mint({
    claims: { aud: CLIENT_ID, tid: OPERATOR_TENANT, oid: 'OP-0001', name: 'Olivia Operator', roles: [OPERATOR_ROLE], ...claims },
  });
}

function callback(form: Record<string, string>, cookie?: string): Promise<Response> {
  return fetch(`${base}/operator/callback`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
    body: new URLSearchParams(form).toString(),
  });
}

async function signIn(claims: Record<string, unknown> = {}): Promise<string> {
  const { stateCookie, state } = await startSignIn();
  const res = await callback({ id_token: await idToken({ nonce: state, ...claims }), state }, stateCookie);
  expect(res.status).toBe(303);
  expect(res.headers.get('location')).toBe('/operator');
  return cookieFrom(res, 'calsync_operator')!;
}

test("without a session the page sends the browser to the operator tenant's authorize endpoint, for an ID token by form_post", async () => {
  const { authorize, stateCookie, state } = await startSignIn();
  expect(`${authorize.origin}${authorize.pathname}`).toBe(`${AUTHORITY}/${OPERATOR_TENANT}/oauth2/v2.0/authorize`);
  expect(Object.fromEntries(authorize.searchParams)).toEqual({
    client_id: CLIENT_ID,
    response_type: 'id_token',
    response_mode: 'form_post',
    redirect_uri: `${base}/operator/callback`,
    scope: 'openid profile',
    state,
    nonce: state,
  });
  expect(stateCookie).toMatch(/^calsync_operator_state=/);
});

test('an operator signs in and gets the page, then the rows: counts per tenant, no tenant data', async () => {
  const session = await signIn();
  const page = await fetch(`${base}/operator`, { headers: { cookie: session } });
  expect(page.status).toBe(200);
  const html = await page.text();
  expect(html).toContain('role="progressbar"');
  expect(html).toContain('<script src="/operator/operator.js" defer></script>');
  expect(html).toContain('Olivia Operator');
  const script = await fetch(`${base}/operator/operator.js`);
  expect(script.headers.get('content-type')).toMatch(/^application\/javascript/);

  const res = await fetch(`${base}/operator/tenants`, { headers: { cookie: session } });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { generatedAt: string; tenants: unknown[] };
  expect(body.generatedAt).toBe(NOW.toISOString());
  expect(body.tenants).toEqual([
    {
      tenantId: NORTHWIND,
      displayName: 'Northwind',
      status: 'invited',
      seats: customerRecord(NORTHWIND).plan.seats,
      // 'all' with no sync in this process (and an invited tenant is not one the sync asks Graph about).
      seatsUsed: null,
      termEnd: customerRecord(NORTHWIND).plan.termEnd,
      term: 'in_term',
      mailboxesSyncedLastHour: 0,
      failingMailboxes: 0,
      throttledLastHour: 0,
      lastSuccessAt: null,
    },
    {
      tenantId: CONTOSO,
      displayName: 'Contoso <b>Ltd</b>',
      status: 'active',
      seats: 50,
      seatsUsed: 4,
      termEnd: '2027-06-01',
      term: 'in_term',
      mailboxesSyncedLastHour: 1,
      failingMailboxes: 1,
      throttledLastHour: 5,
      lastSuccessAt: minutesAgo(10),
    },
    {
      tenantId: FABRIKAM,
      displayName: 'Fabrikam',
      status: 'suspended',
      seats: 10,
      seatsUsed: 0,
      termEnd: '2026-11-25',
      term: 'grace',
      mailboxesSyncedLastHour: 0,
      failingMailboxes: 0,
      throttledLastHour: 0,
      lastSuccessAt: minutesAgo(60 * 24 * 8),
    },
  ]);
  expect(JSON.stringify(body)).not.toMatch(/@contoso\.com|@fabrikam\.com|contoso\.com/);
});

test.each([
  ['no CalSync.Operator role', { roles: ['CalSync.Admin'] }, 'does not have the CalSync.Operator role'],
  ['no roles at all', { roles: undefined }, 'does not have the CalSync.Operator role'],
  ['another tenant', { tid: OTHER_TENANT }, 'belongs to another organisation'],
  ['another app', { aud: 'ffffffff-0000-4000-8000-000000000000' }, 'could not be verified'],
  // The verifier reads the real clock: expired an hour before now, past the 60 s skew.
  ['an expired token', { exp: Math.floor(Date.now() / 1000) - 3600, iat: Math.floor(Date.now() / 1000) - 7200, nbf: undefined }, 'could not be verified'],
])('%s: refused with 403 and no session', async (_name, claims, words) => {
  const { stateCookie, state } = await startSignIn();
  const token = await idToken({ nonce: state, ...claims });
  const res = await callback({ id_token: token, state }, stateCookie);
  expect(res.status).toBe(403);
  expect(await res.text()).toContain(words);
  expect(cookieFrom(res, 'calsync_operator')).toBeUndefined();
});

test("a token whose nonce is another sign-in's is refused", async () => {
  const { stateCookie, state } = await startSignIn();
  const res = await callback({ id_token: await idToken({ nonce: 'someone-elses-nonce' }), state }, stateCookie);
  expect(res.status).toBe(403);
  expect(await res.text()).toContain('does not belong to this browser');
});

test('a state from another browser, or one used already, is refused before the token is looked at', async () => {
  const { stateCookie, state } = await startSignIn();
  const token = await idToken({ nonce: state });
  expect((await callback({ id_token: token, state })).status).toBe(400);
  expect((await callback({ id_token: token, state }, stateCookie)).status).toBe(303);
  const replay = await callback({ id_token: token, state }, stateCookie);
  expect(replay.status).toBe(400);
  expect(cookieFrom(replay, 'calsync_operator')).toBeUndefined();
});

test("Entra's error answer is shown, and nothing is signed in", async () => {
  const { stateCookie, state } = await startSignIn();
  const res = await callback({ error: 'access_denied', error_description: 'AADSTS65004: User declined', state }, stateCookie);
  expect(res.status).toBe(400);
  expect(await res.text()).toContain('access_denied');
});

test('the rows need a live session: none, a forged one and an expired one answer 401; the page signs in again', async () => {
  expect((await fetch(`${base}/operator/tenants`)).status).toBe(401);
  const forged = new OperatorSessions(Buffer.alloc(32, 9)).issue({ userId: 'x', name: 'Mallory' });
  expect((await fetch(`${base}/operator/tenants`, { headers: { cookie: `calsync_operator=${forged}` } })).status).toBe(401);
  expect((await fetch(`${base}/operator`, { headers: { cookie: `calsync_operator=${forged}` }, redirect: 'manual' })).status).toBe(302);

  let sessionClock = Date.now();
  const sessions = new OperatorSessions(SESSION_KEY, () => sessionClock);
  const stale = sessions.issue({ userId: 'op', name: 'Olivia' });
  expect(sessions.read(stale)).toEqual({ userId: 'op', name: 'Olivia' });
  sessionClock += OPERATOR_SESSION_TTL_MS + 1;
  expect(sessions.read(stale)).toBeUndefined();
  // Issued an hour and a bit ago by the service's own key: the service refuses it too.
  const old = new OperatorSessions(SESSION_KEY, () => Date.now() - OPERATOR_SESSION_TTL_MS - 1_000).issue({ userId: 'op', name: 'Olivia' });
  expect((await fetch(`${base}/operator/tenants`, { headers: { cookie: `calsync_operator=${old}` } })).status).toBe(401);
});

test('signing out drops the session cookie', async () => {
  const session = await signIn();
  const res = await fetch(`${base}/operator/sign-out`, { method: 'POST', headers: { cookie: session } });
  expect(res.status).toBe(200);
  expect(res.headers.getSetCookie().join('\n')).toMatch(/calsync_operator=;.*Expires=Thu, 01 Jan 1970/);
});

test('without the operator section the page does not exist', async () => {
  const bare = http.createServer(createApp({ stores, verifier: { verify: () => Promise.reject(new Error('unused')) }, logger: pino({ level: 'silent' }) }));
  await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
  try {
    const res = await fetch(`http://127.0.0.1:${(bare.address() as AddressInfo).port}/operator`, { redirect: 'manual' });
    expect(res.status).toBe(404);
  } finally {
    bare.closeAllConnections();
    await new Promise<void>((resolve) => bare.close(() => resolve()));
  }
});
