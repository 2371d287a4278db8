/**
 * A tenant whose admin removes CalSync (consent revoked): its token requests fail with Entra's consent error, the
 * sync stops that tenant — no rounds, no subscription renewals, nothing deleted — and reports it once through
 * TenantStatusPort. Other tenants keep syncing. Both AADSTS codes sources report are covered.
 */
import type { Client } from '@microsoft/microsoft-graph-client';
import pino from 'pino';
import { createTenantSync } from '../../server/compose/sync-host';
import { InProcessMailboxQueue } from '../../server/sync/in-process-queue';
import type { MailboxJob, MailboxQueue } from '../../server/sync/mailbox-queue';
import type { JobOutcome } from '../../server/sync/mailbox-worker';
import { SubscriptionManager } from '../../server/sync/subscription-manager';
import type { SyncRuntime } from '../../server/sync/sync-runtime';
import { isConsentError, TenantGate } from '../../server/sync/tenant-consent';
import { testBackoff } from './support/harness';
import { startTenantsStack, type TenantsStack } from './support/tenants';

const CEDAR = { id: 'c3c3c3c3-0000-4000-8000-00000000000c', domain: 'cedar.com', mailboxes: 2 };
const BIRCH = { id: 'b2b2b2b2-0000-4000-8000-00000000000b', domain: 'birch.com', mailboxes: 2 };

describe('isConsentError', () => {
  test.each([
    ['invalid_client: Error(s): 7000229 - Description: AADSTS7000229: The client application x is missing service principal in the tenant y.', true],
    ["unauthorized_client: Error(s): 700016 - Description: AADSTS700016: Application with identifier 'x' was not found in the directory 'y'.", true],
    ["AADSTS65001: The user or administrator has not consented to use the application with ID 'x'.", true],
    ['invalid_client: Error(s): 7000215 - Description: AADSTS7000215: Invalid client secret provided.', false],
    ['connect ECONNREFUSED 127.0.0.1:443', false],
  ])('%s → %s', (message, expected) => {
    expect(isConsentError(new Error(message))).toBe(expected);
  });

  test('a structured errorResponse with a consent code counts', () => {
    expect(isConsentError({ errorResponse: { errorCodes: [700016] } })).toBe(true);
    expect(isConsentError({ errorResponse: { errorCodes: [50034] } })).toBe(false);
  });
});

/** Waits for the next `n` job outcomes (an event each), not for time. */
function outcomesFeed(): { push(o: JobOutcome): void; next(n: number): Promise<JobOutcome[]> } {
  const seen: JobOutcome[] = [];
  let waiting: { from: number; n: number; resolve: (v: JobOutcome[]) => void } | undefined;
  let consumed = 0;
  const check = (): void => {
    if (waiting && seen.length - waiting.from >= waiting.n) {
      const { from, n, resolve } = waiting;
      waiting = undefined;
      consumed = from + n;
      resolve(seen.slice(from, from + n));
    }
  };
  return {
    push: (o) => {
      seen.push(o);
      check();
    },
    next: (n) =>
      new Promise((resolve) => {
        waiting = { from: consumed, n, resolve };
        check();
      }),
  };
}

describe.each([7000229, 700016] as const)('consent revoked (token endpoint answers AADSTS%s)', (code) => {
  let stack: TenantsStack;
  let runtime: SyncRuntime;
  const reported: string[] = [];
  const gate = new TenantGate({ consentRevoked: (tenantId) => void reported.push(tenantId) });
  const feed = outcomesFeed();
  const enqueued: MailboxJob[] = [];

  const recordingQueue = (inner: MailboxQueue): MailboxQueue => ({
    ...inner,
    enqueue: async (job, delayMs) => {
      enqueued.push(job);
      await inner.enqueue(job, delayMs);
    },
    receive: (max, visibility) => inner.receive(max, visibility),
    complete: (m) => inner.complete(m),
    abandon: (m, d) => inner.abandon(m, d),
    poisoned: () => inner.poisoned(),
    close: () => inner.close(),
  });

  let queue: InProcessMailboxQueue;
  const startRuntime = (): SyncRuntime =>
    createTenantSync({
      stores: stack.stores,
      queue: recordingQueue((queue = new InProcessMailboxQueue())),
      tenants: [CEDAR.id, BIRCH.id],
      clientFor: stack.graph.clientFor,
      tenantGate: gate,
      workers: 1,
      idlePollMs: 20,
      backoff: testBackoff,
      logger: pino({ level: 'silent' }),
      onJobDone: (o) => feed.push(o),
    });

  beforeAll(async () => {
    // Tokens shorter-lived than the 5-minute refresh margin: every request asks the token endpoint, as happens once
    // a cached token expires after the revocation.
    stack = await startTenantsStack([CEDAR, BIRCH], {
      sandbox: { tokenLifetimeSeconds: 240, consentErrorCode: code },
      onConsentError: (t) => gate.consentRevoked(t),
    });
    runtime = startRuntime();
    runtime.start();
    const first = await feed.next(4);
    expect(first.map((o) => o.kind)).toEqual(['done', 'done', 'done', 'done']);
  }, 60_000);
  afterAll(async () => {
    await runtime.stop();
    await stack.close();
  });

  test("the revoked tenant's next round ends the tenant's sync and is reported once; nothing of it is deleted", async () => {
    stack.sandbox.tenants.revokeConsent(BIRCH.id);
    await runtime.control.syncNow(BIRCH.id, 'user0@birch.com');
    const [ending] = await feed.next(1);
    expect(ending).toMatchObject({ kind: 'tenant-stopped', message: { job: { tenantId: BIRCH.id, mailboxId: 'user0@birch.com' } } });
    expect(gate.isStopped(BIRCH.id)).toBe(true);
    expect(reported).toEqual([BIRCH.id]);
    for (const upn of stack.upns[BIRCH.id] as string[]) expect(await stack.stores.syncState.get(BIRCH.id, upn)).toBeDefined();
    expect(await stack.stores.settings.get(BIRCH.id)).toBeDefined();
    // Completed, not left to be retried into the poison queue.
    expect(await queue.poisoned()).toEqual([]);
  }, 60_000);

  test('its jobs are dropped without a Graph call while the other tenant keeps syncing', async () => {
    stack.sandbox.accounting.reset();
    await runtime.scheduler.requestResync(BIRCH.id, 'all');
    await runtime.control.syncNow(CEDAR.id, 'user1@cedar.com');
    const endings = await feed.next(3);
    // In tenant turns, so compared as a set.
    expect(endings.map((o) => `${o.message.job.tenantId === BIRCH.id ? 'birch' : 'cedar'}:${o.kind}`).sort()).toEqual([
      'birch:tenant-stopped',
      'birch:tenant-stopped',
      'cedar:done',
    ]);
    const snapshot = stack.sandbox.accounting.snapshot();
    expect(Object.keys(snapshot.byMailbox).filter((upn) => upn.endsWith('@birch.com'))).toEqual([]);
    expect(snapshot.byMailbox['user1@cedar.com']?.reads).toBeGreaterThan(0);
    expect(reported).toEqual([BIRCH.id]);
  }, 60_000);

  test('a sweep queues only the tenants still running, and its subscriptions are not renewed (nor deleted)', async () => {
    const second = startRuntime();
    enqueued.length = 0;
    second.start();
    const endings = await feed.next(2);
    await second.stop();
    expect(endings.map((o) => o.kind)).toEqual(['done', 'done']);
    expect(enqueued.map((j) => j.tenantId)).toEqual([CEDAR.id, CEDAR.id]);

    const soon = new Date(Date.now() + 3_600_000).toISOString();
    for (const [tenantId, mailboxId] of [
      [BIRCH.id, 'user0@birch.com'],
      [CEDAR.id, 'user0@cedar.com'],
    ] as const) {
      await stack.stores.subscriptions.put({ subscriptionId: `sub-${tenantId}`, tenantId, mailboxId, clientState: 'x'.repeat(32), expiresAt: soon });
    }
    const patched: string[] = [];
    const fake = (tenantId: string) => ({ api: () => ({ patch: async () => void patched.push(tenantId) }) }) as unknown as Client;
    const manager = new SubscriptionManager({
      clientFor: fake,
      tenantGate: gate,
      store: stack.stores.subscriptions,
      notificationUrl: 'https://calsync.example/api/notifications',
    });
    expect(await manager.renewDue()).toBe(1);
    expect(patched).toEqual([CEDAR.id]);
    expect((await stack.stores.subscriptions.forMailbox(BIRCH.id, 'user0@birch.com'))?.expiresAt).toBe(soon);
  }, 60_000);

  test('after a new consent and resume, its rounds run again', async () => {
    stack.sandbox.tenants.grantConsent(BIRCH.id);
    gate.resume(BIRCH.id);
    await runtime.control.syncNow(BIRCH.id, 'user1@birch.com');
    const [ending] = await feed.next(1);
    expect(ending).toMatchObject({ kind: 'done', message: { job: { tenantId: BIRCH.id } } });
  }, 60_000);
});
