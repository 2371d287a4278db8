/**
 * What the demo keeps and what it resets between starts, on a real SQLite store: the first-start seed is
 * written once and never again; the previous run's sync state is kept but pointed away from the old sandbox;
 * one demo per data directory; the add-in is rebuilt only when its sources are newer than the build.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { staleReason, sourcesMtime } from '../../demo/addin-build';
import { DataDirBusyError, lockDataDir } from '../../demo/data-dir-lock';
import { DEMO_TENANT_ID, demoObjectId } from '../../demo/demo-identities';
import { DEMO_ORG_RULES, seedDemoTenant } from '../../demo/demo-seed';
import { forgetPreviousSandbox } from '../../demo/fresh-sandbox-state';
import { openSqliteStores } from '../../server/store/sqlite';
import { emptySyncState } from '../../server/store/sync-state';
import type { Stores } from '../../server/store/types';

const PEOPLE = ['megan@contoso.com', 'adele@contoso.com', 'alex@contoso.com'];
let dir: string;
let stores: Stores;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'calsync-demo-state-'));
  stores = openSqliteStores({ path: join(dir, 'calsync-demo.db') });
});

afterEach(async () => {
  await stores.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('first-start seed', () => {
  test('writes settings and the example org rules once, and never overwrites what was changed since', async () => {
    expect(await seedDemoTenant(stores, PEOPLE)).toEqual({ seeded: true });
    const settings = await stores.settings.get(DEMO_TENANT_ID);
    expect(settings).toMatchObject({ internalDomains: ['contoso.com'], enrolledMailboxes: PEOPLE, orgRulesLocked: false });
    const rules = await stores.rules.listAll({ tenantId: DEMO_TENANT_ID, scope: 'org' });
    expect(rules.map((r) => r.id)).toEqual(DEMO_ORG_RULES.map((r) => r.id));
    expect(rules.every((r) => r.createdBy === demoObjectId('megan@contoso.com'))).toBe(true);
    expect((await stores.audit.list({ tenantId: DEMO_TENANT_ID, scopes: ['org', 'settings'] })).items).toHaveLength(DEMO_ORG_RULES.length + 1);

    // The admin changes things; a later start must leave them alone.
    const removed = rules[0]!;
    await stores.rules.delete(DEMO_TENANT_ID, removed.id, removed.etag);
    const { etag, ...rest } = settings!;
    await stores.settings.put({ ...rest, internalDomains: ['contoso.com', 'fabrikam.com'] }, etag);

    expect(await seedDemoTenant(stores, PEOPLE)).toEqual({ seeded: false });
    expect((await stores.rules.listAll({ tenantId: DEMO_TENANT_ID, scope: 'org' })).map((r) => r.id)).not.toContain(removed.id);
    expect((await stores.settings.get(DEMO_TENANT_ID))?.internalDomains).toEqual(['contoso.com', 'fabrikam.com']);
  });

  test('a start that died after the rules but before the settings finishes the seed instead of failing', async () => {
    const first = DEMO_ORG_RULES[0]!;
    const at = new Date().toISOString();
    await stores.rules.create({
      id: first.id,
      name: first.name,
      scope: 'org',
      enabled: true,
      order: 0,
      when: { field: 'hasExternalAttendees', op: 'is', value: true },
      then: { category: first.then.category, color: first.then.color, stop: false },
      tenantId: DEMO_TENANT_ID,
      ownerId: null,
      createdAt: at,
      createdBy: 'seed',
      updatedAt: at,
      updatedBy: 'seed',
    });
    expect(await seedDemoTenant(stores, PEOPLE)).toEqual({ seeded: true });
    expect(await stores.rules.count({ tenantId: DEMO_TENANT_ID, scope: 'org' })).toBe(DEMO_ORG_RULES.length);
  });
});

describe('sync state from the previous run', () => {
  test('keeps the records, drops the delta link, pending ids, lease and Graph subscription of the old sandbox', async () => {
    const mailbox = PEOPLE[0]!;
    await stores.syncState.put(
      {
        ...emptySyncState(DEMO_TENANT_ID, mailbox),
        deltaLink: 'https://127.0.0.1:41234/v1.0/users/megan%40contoso.com/calendarView/delta?$deltatoken=abc',
        configHash: 'h',
        timeZone: 'Europe/London',
        names: ['External'],
        records: { AAMkOld: [0] },
        pending: ['AAMkOld'],
        createdCategories: { External: { id: 'cat-1', color: 'preset0' } },
        lease: { holder: 'killed-demo', expiresAt: new Date(Date.now() + 300_000).toISOString() },
        updatedAt: new Date().toISOString(),
      },
      null,
    );
    await stores.subscriptions.put({
      subscriptionId: 'sub-old',
      tenantId: DEMO_TENANT_ID,
      mailboxId: mailbox,
      clientState: 'x'.repeat(32),
      expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
    });

    expect(await forgetPreviousSandbox(stores, DEMO_TENANT_ID, PEOPLE)).toBe(1);
    const state = await stores.syncState.get(DEMO_TENANT_ID, mailbox);
    expect(state).toMatchObject({ deltaLink: null, configHash: null, pending: [], lease: null, timeZone: 'Europe/London', records: { AAMkOld: [0] } });
    expect(state?.createdCategories).toEqual({ External: { id: 'cat-1', color: 'preset0' } });
    expect(await stores.subscriptions.forMailbox(DEMO_TENANT_ID, mailbox)).toBeUndefined();
    // Nothing left to reset: a second pass writes nothing.
    expect(await forgetPreviousSandbox(stores, DEMO_TENANT_ID, PEOPLE)).toBe(0);
    expect(await stores.syncState.get(DEMO_TENANT_ID, PEOPLE[1]!)).toBeUndefined();
  });
});

describe('data directory lock', () => {
  test('refuses a directory a live demo holds, takes over one a dead demo left, and releases on stop', () => {
    const file = join(dir, 'demo.pid');
    writeFileSync(file, String(process.ppid));
    expect(() => lockDataDir(dir)).toThrow(DataDirBusyError);

    writeFileSync(file, '2147483646'); // above any pid_max: no such process
    const lock = lockDataDir(dir);
    expect(() => lockDataDir(dir)).not.toThrow(); // the same process may take it again (a reused pid after a crash)
    lock.release();
    expect(() => lockDataDir(dir).release()).not.toThrow();
  });
});

describe('add-in build freshness', () => {
  function fakeBuild(sources: number): string {
    const build = join(dir, 'addin-demo');
    mkdirSync(join(build, 'taskpane'), { recursive: true });
    mkdirSync(join(build, 'demo-pages'), { recursive: true });
    writeFileSync(join(build, 'taskpane/taskpane.html'), '');
    writeFileSync(join(build, 'demo-pages/team.html'), '');
    writeFileSync(join(build, '.calsync-demo-build.json'), JSON.stringify({ layout: 1, sourcesMtime: sources }));
    return build;
  }

  test('a missing, older-than-its-sources or incomplete build is stale; a current one is not', () => {
    const sources = sourcesMtime();
    expect(staleReason(join(dir, 'nothing-here'), sources)).toBe('no build yet');
    expect(staleReason(fakeBuild(sources - 1), sources)).toBe('sources changed since the last build');
    const build = fakeBuild(sources);
    expect(staleReason(build, sources)).toBeNull();
    rmSync(join(build, 'demo-pages/team.html'));
    expect(staleReason(build, sources)).toBe('the build is incomplete');
  });
});
