/**
 * Offboarding (issue #15) leaves nothing of the tenant in either store, and the other tenant untouched. Both tenants
 * get their data through the product's own paths — tenant records, rules (with a kept version) and settings through
 * the services, sync rounds against the Graph sandbox (sync state and stamp mirror), Graph subscriptions made by the
 * sync's subscription manager, a parked notification — then tenant A is offboarded. The check does not trust the
 * store's own list of tables: it reads every SQLite table and every Cosmos container whole and looks for A's id.
 */
import Database from 'better-sqlite3';
import { CosmosClient } from '@azure/cosmos';
import pino from 'pino';
import { openGraphAccess, type GraphConnection } from '../../server/compose/graph';
import type { Principal } from '../../server/domain/principal';
import { startGraphSandbox, type GraphSandbox } from '../../graph-sandbox/src/index';
import { TenantOffboarding, type GraphSubscriptionRemover } from '../../server/services/offboarding';
import { RuleService } from '../../server/services/rules';
import { SettingsService } from '../../server/services/settings';
import { TenantService } from '../../server/services/tenants';
import { openSqliteStores } from '../../server/store/sqlite';
import { totalOf } from '../../server/store/tenant-data';
import type { Stores } from '../../server/store/types';
import { MailboxGates } from '../../server/sync/mailbox-gate';
import { runMailboxRound } from '../../server/sync/mailbox-round';
import { storeRulesLoader } from '../../server/sync/store-rules-loader';
import { SubscriptionManager } from '../../server/sync/subscription-manager';
import { NotificationReceiver } from '../../graph-sandbox/tests/support/notification-receiver';
import { startCosmosEmulator, type TestCosmos } from '../support/cosmos';
import { ruleDraft } from '../support/rules';
import { tempSqliteDir, type TempDir } from '../support/sqlite';
import { at } from '../sync/support/team';

const A = { id: 'a0a0a0a0-1111-4111-8111-00000000000a', domain: 'alder.example' };
const B = { id: 'b0b0b0b0-2222-4222-8222-00000000000b', domain: 'beech.example' };
const MAILBOXES = 2;
const upnsOf = (t: { domain: string }) => Array.from({ length: MAILBOXES }, (_, i) => `user${i}@${t.domain}`);
const admin = (t: { id: string }): Principal => ({ tenantId: t.id, userId: `admin-${t.id.slice(0, 4)}`, isAdmin: true });
const OPERATOR = { userId: 'operator:test' };

interface Opened {
  stores: Stores;
  /** Every row or item of every table or container, as JSON, by table or container. */
  everything(): Promise<Record<string, string[]>>;
  close(): Promise<void>;
}

async function openSqlite(): Promise<Opened> {
  const temp: TempDir = tempSqliteDir();
  const path = temp.dbPath();
  const stores = openSqliteStores({ path });
  return {
    stores,
    async everything() {
      const db = new Database(path, { readonly: true });
      try {
        const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>;
        return Object.fromEntries(
          tables.map(({ name }) => [
            name,
            db
              .prepare(`SELECT * FROM "${name}"`)
              .all()
              .map((row) => JSON.stringify(row)),
          ]),
        );
      } finally {
        db.close();
      }
    },
    async close() {
      await stores.close();
      temp.remove();
    },
  };
}

async function openCosmos(): Promise<Opened> {
  const cosmos: TestCosmos = await startCosmosEmulator();
  const database = `offboard_${process.pid}`;
  const stores = await cosmos.openStores(database);
  const client = new CosmosClient({ endpoint: cosmos.endpoint, key: cosmos.key, agent: cosmos.agent });
  return {
    stores,
    async everything() {
      const db = client.database(database);
      const { resources: containers } = await db.containers.readAll().fetchAll();
      const out: Record<string, string[]> = {};
      for (const { id } of containers) {
        const { resources } = await db.container(id).items.query('SELECT * FROM c').fetchAll();
        out[id] = resources.map((item) => JSON.stringify(item));
      }
      return out;
    },
    async close() {
      client.dispose();
      await cosmos.close();
    },
  };
}

/** Rows or items that mention the tenant anywhere, by table or container. */
const mentioning = (everything: Record<string, string[]>, tenantId: string): Record<string, number> =>
  Object.fromEntries(
    Object.entries(everything)
      .map(([name, rows]) => [name, rows.filter((r) => r.includes(tenantId)).length])
      .filter(([, n]) => (n as number) > 0),
  );

describe.each([
  ['sqlite', openSqlite],
  ['cosmos', openCosmos],
] as const)('offboarding on %s', (_kind, open) => {
  let store: Opened;
  let sandbox: GraphSandbox;
  let graph: GraphConnection;
  let receiver: NotificationReceiver;
  let bBefore: Record<string, string[]>;
  /** The tenant's subscriptions as Graph lists them to the app in that tenant. */
  const inGraph = async (t: { id: string }) => ((await graph.clientFor(t.id).api('/subscriptions').get()) as { value: unknown[] }).value.length;

  beforeAll(async () => {
    store = await open();
    const { stores } = store;
    sandbox = await startGraphSandbox({ tenants: [A, B].map((t) => ({ id: t.id, displayName: t.domain, domains: [t.domain], consented: true })) });
    graph = openGraphAccess({ credential: sandbox.credential, graphBaseUrl: sandbox.baseUrl, caPem: sandbox.caPem }, 4);
    receiver = new NotificationReceiver();
    const notificationUrl = `${await receiver.start()}/api/notifications`;
    const subscriptions = new SubscriptionManager({ clientFor: graph.clientFor, store: stores.subscriptions, notificationUrl });
    const loadRules = storeRulesLoader(stores);
    for (const t of [A, B]) {
      const upns = upnsOf(t);
      sandbox.seed({
        document: {
          users: upns.map((u, i) => ({ userPrincipalName: u, displayName: `User ${i}` })),
          events: upns.map((u, i) => ({
            organizer: u,
            subject: `Planning ${i}`,
            start: { dateTime: at(1, 10), timeZone: 'UTC' },
            end: { dateTime: at(1, 11), timeZone: 'UTC' },
          })),
        },
      });
      await new TenantService(stores).activate(OPERATOR, t.id, { displayName: t.domain, consentedBy: 'admin@' + t.domain });
      await new SettingsService(stores).put(
        admin(t),
        { internalDomains: [t.domain], enrolledMailboxes: upns, syncWindowDays: { past: 30, future: 365 }, orgRulesLocked: false },
        '"default"',
      );
      const rules = new RuleService(stores);
      const first = await rules.create(admin(t), ruleDraft('org', { when: { field: 'subject', op: 'contains', value: 'Planning' } }));
      const second = await rules.create(admin(t), ruleDraft('org'));
      // A reorder keeps a version of the set before it (rule versions).
      await rules.reorder(admin(t), { scope: 'org', ids: [second.id, first.id] });
      await rules.create({ tenantId: t.id, userId: upns[0]!, isAdmin: false }, ruleDraft('personal'));
      for (const upn of upns) {
        const report = await runMailboxRound(
          {
            tenantId: t.id,
            client: graph.clientFor(t.id),
            syncState: stores.syncState,
            loadRules,
            gates: new MailboxGates(),
            logger: pino({ level: 'silent' }),
          },
          upn,
          { mode: 'sync' },
        );
        expect(report.failed).toBe(0);
        await subscriptions.ensure(t.id, upn);
      }
      await stores.notificationInbox.add([{ tenantId: t.id, mailboxId: upns[1]!, full: false }]);
    }
    bBefore = await store.everything();
  });

  afterAll(async () => {
    await graph?.close();
    await receiver?.stop();
    await sandbox?.stop();
    await store?.close();
  });

  it('starts with data of every kind for both tenants', async () => {
    for (const t of [A, B]) {
      const counts = await store.stores.tenantData.count(t.id);
      for (const kind of Object.keys(counts)) expect([kind, counts[kind]! > 0]).toEqual([kind, true]);
      expect(await store.stores.tenants.get(t.id)).toBeDefined();
      expect(await inGraph(t)).toBe(MAILBOXES);
    }
  });

  it('deletes every row and item of the offboarded tenant, its Graph subscriptions too, and nothing of the other', async () => {
    const { stores } = store;
    const remover: GraphSubscriptionRemover = { deleteSubscription: (tenantId, id) => graph.clientFor(tenantId).api(`/subscriptions/${id}`).delete() };
    const result = await new TenantOffboarding(stores, new TenantService(stores), remover).offboard(OPERATOR, A.id);

    expect(result.subscriptions).toEqual({ deleted: MAILBOXES, graphFailures: 0 });
    expect(totalOf(result.left)).toBe(0);
    expect(await stores.tenants.get(A.id)).toBeUndefined();
    const after = await store.everything();
    expect(mentioning(after, A.id)).toEqual({});
    expect(await inGraph(A)).toBe(0);

    // B: every row and item exactly as before, and its subscriptions still in Graph.
    const onlyB = (all: Record<string, string[]>) =>
      Object.fromEntries(Object.entries(all).map(([name, rows]) => [name, rows.filter((r) => !r.includes(A.id)).sort()]));
    expect(onlyB(after)).toEqual(onlyB(bBefore));
    expect(totalOf(await stores.tenantData.count(B.id))).toBeGreaterThan(0);
    expect(await inGraph(B)).toBe(MAILBOXES);
  });

  it('finishes a run that stopped midway when run again', async () => {
    const { stores } = store;
    // B's offboarding fails at the erase (a store outage), after its record was marked and its subscriptions went.
    const failing: Stores = {
      ...stores,
      tenantData: { count: (t) => stores.tenantData.count(t), erase: () => Promise.reject(new Error('store unavailable')) },
    };
    await expect(new TenantOffboarding(failing, new TenantService(failing)).offboard(OPERATOR, B.id)).rejects.toThrow('store unavailable');
    expect((await stores.tenants.get(B.id))?.status).toBe('offboarded');
    expect(totalOf(await stores.tenantData.count(B.id))).toBeGreaterThan(0);

    const again = await new TenantOffboarding(stores, new TenantService(stores)).offboard(OPERATOR, B.id);
    expect(totalOf(again.left)).toBe(0);
    expect(mentioning(await store.everything(), B.id)).toEqual({});
    await expect(new TenantOffboarding(stores, new TenantService(stores)).offboard(OPERATOR, B.id)).rejects.toMatchObject({ code: 'not_found' });
  });
});
