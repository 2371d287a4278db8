/**
 * Two instances sharing one store: each caches in process, so a write through one reaches the other within
 * the cache TTL at the latest — including for a user whose effective set was built later from org rules the
 * other instance had cached earlier (the set must not outlive them) — and for the tenant settings previews use.
 */
import type { Principal } from '../../server/auth/verifier';
import { RuleService } from '../../server/services/rules';
import { httpEtag } from '../../server/services/etag';
import { SettingsService } from '../../server/services/settings';
import type { Stores } from '../../server/store/types';
import { orgDraft, personalDraft } from '../support/rules';
import { storeHarness, type StoreHarness } from '../support/stores';
import { USERS, type TestUser } from '../support/tokens';

const TTL_MS = 400;
/** The caches' clock: tests move it past (or not yet past) the TTL instead of sleeping, so load cannot shift it. */
let clock = 0;
const advance = (ms: number) => {
  clock += ms;
};
const cacheClock = () => clock;
const principal = (u: TestUser): Principal => ({ tenantId: u.tid, userId: u.oid, isAdmin: u.admin, username: u.upn });
const alice = principal(USERS.aliceA);
const bob = principal(USERS.bobA);
const admin = principal(USERS.adminA);
const carol = principal(USERS.carolB);

let harness: StoreHarness;
let stores: Stores;
beforeEach(async () => {
  harness = await storeHarness('sqlite');
  stores = await harness.open();
});
afterEach(() => harness.close());

const names = async (s: RuleService, p: Principal) => (await s.effective(p)).map((r) => r.name);

test("another instance's personal and org writes show within the TTL", async () => {
  const a = new RuleService(stores, { effectiveCacheTtlMs: TTL_MS, cacheClock });
  const b = new RuleService(stores, { effectiveCacheTtlMs: TTL_MS, cacheClock });
  expect(await names(a, alice)).toEqual([]);
  await b.create(alice, personalDraft({ name: 'P' }));
  await b.create(admin, orgDraft({ name: 'O' }));
  advance(TTL_MS + 50);
  expect(await names(a, alice)).toEqual(['O', 'P']);
  expect(await names(a, carol)).toEqual([]);
});

test("a user's set built from org rules cached earlier expires with them", async () => {
  const a = new RuleService(stores, { effectiveCacheTtlMs: TTL_MS, cacheClock });
  const b = new RuleService(stores, { effectiveCacheTtlMs: TTL_MS, cacheClock });
  const t0 = clock;
  expect(await names(a, alice)).toEqual([]); // instance A caches the tenant's org rules now
  advance(TTL_MS / 2);
  await b.create(admin, orgDraft({ name: 'O' }));
  expect(await names(a, bob)).toEqual([]); // built from A's cached org rules (stale, within the TTL)
  advance(t0 + TTL_MS + 50 - clock);
  // Bob's set is younger than the TTL, but the org rules in it are not.
  expect(await names(a, bob)).toEqual(['O']);
});

test('previews see a settings write through the same instance at once, through another within the TTL', async () => {
  const a = new SettingsService(stores, undefined, undefined, { cacheTtlMs: TTL_MS, cacheClock });
  const b = new SettingsService(stores, undefined, undefined, { cacheTtlMs: TTL_MS, cacheClock });
  const body = { internalDomains: ['contoso.com'], enrolledMailboxes: 'all', syncWindowDays: { past: 1, future: 2 }, orgRulesLocked: false };
  expect((await a.effective(alice)).internalDomains).toEqual([]);
  const saved = await a.put(admin, body, '"default"');
  expect((await a.effective(alice)).internalDomains).toEqual(['contoso.com']);
  expect((await b.effective(alice)).internalDomains).toEqual(['contoso.com']);
  await b.put(admin, { ...body, internalDomains: ['fabrikam.com'] }, httpEtag(saved.etag));
  advance(TTL_MS + 50);
  expect((await a.effective(alice)).internalDomains).toEqual(['fabrikam.com']);
  // Never another tenant's.
  expect((await a.effective(carol)).internalDomains).toEqual([]);
});
