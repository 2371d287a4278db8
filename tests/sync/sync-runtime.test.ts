/**
 * The sync as a process runs it (createSyncRuntime): started beside the API, its first tick sweeps every
 * enrolled mailbox and creates their subscriptions in the store; a rule saved through the API re-runs the
 * mailboxes at once; a person's edit arrives as a notification and is stamped; stop leaves nothing running.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import request from 'supertest';
import { createApp } from '../../server/app';
import { createSyncRuntime, type SyncRuntime } from '../../server/sync/sync-runtime';
import { startTestIssuer, type TestIssuer } from '../support/token-issuer';
import { claimsFor, USERS } from '../support/tokens';
import { createTokenVerifier } from '../../server/auth/verifier';
import { startSyncStack, type SyncStack } from './support/sync-stack';
import { ADA, BO, categoriesOf, editEvent } from './support/team';
import { testBackoff } from './support/harness';
import { seedCustomerTenants } from '../support/tenants';

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const LIVE_INTERVAL = 6 * 3_600_000;

describe('sync runtime', () => {
  let s: SyncStack;
  let runtime: SyncRuntime;
  let issuer: TestIssuer;
  let server: http.Server;
  let adminToken: string;

  beforeAll(async () => {
    s = await startSyncStack();
    issuer = await startTestIssuer();
    runtime = createSyncRuntime({
      stores: s.stores,
      queue: s.queue,
      tenants: () => [s.tenantId],
      clientFor: () => s.harness.deps.client,
      backoff: testBackoff,
      liveIntervalMs: LIVE_INTERVAL,
      idlePollMs: 20,
      onJobDone: (o) => s.outcomes.push(o),
      logger: pino({ level: 'silent' }),
    });
    await seedCustomerTenants(s.stores, [s.tenantId]);
    const app = createApp({
      stores: s.stores,
      verifier: createTokenVerifier({ audience: issuer.audience, jwksUrl: issuer.jwksUrl, issuerTemplate: issuer.issuerTemplate }),
      logger: pino({ level: 'silent' }),
      onRulesChanged: runtime.onRulesChanged,
      onSettingsChanged: runtime.onSettingsChanged,
      notifications: runtime.notifications,
    });
    server = http.createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    runtime.start({ notificationUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/notifications` });
    adminToken = await issuer.mint({ claims: claimsFor({ ...USERS.adminA, tid: s.tenantId }) });
  });
  afterAll(async () => {
    await runtime.stop();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await issuer.close();
    await s.close();
  });

  test('the first tick sweeps every enrolled mailbox and subscribes each one, kept in the store', async () => {
    await until('both mailboxes swept', () => s.outcomes.filter((o) => o.kind === 'done').length >= 2);
    expect(categoriesOf(s.harness.sandbox, ADA, 'Customer kickoff')).toEqual(['Customer']);
    for (const mailbox of [ADA, BO]) {
      const stored = await until(`subscription for ${mailbox}`, () => s.stores.subscriptions.forMailbox(s.tenantId, mailbox));
      expect(stored.clientState.length).toBeGreaterThanOrEqual(32);
    }
  });

  test('a rule saved through the API is applied to the mailboxes without waiting for the schedule', async () => {
    const rule = {
      name: 'Lunches',
      scope: 'org',
      enabled: true,
      order: 50,
      when: { field: 'subject', op: 'contains', value: 'lunch' },
      then: { category: 'Lunch', color: 'preset4', stop: false },
    };
    await request(server).post('/api/rules').set('Authorization', `Bearer ${adminToken}`).send(rule).expect(201);
    await until('the new category on the lunch', () => categoriesOf(s.harness.sandbox, ADA, 'Lunch').includes('Lunch'));
  });

  test("a person's edit reaches the runtime as a notification and the event is stamped", async () => {
    // The rule change's rounds first: an edit one of them read would leave the notification's round nothing to do.
    // (Their own writes' notifications queue no rounds: own-writes.ts.)
    await until(
      'the rule change applied to both mailboxes',
      () => s.outcomes.filter((o) => o.kind === 'done' && o.message.job.reason === 'resync').length >= 2,
    );
    editEvent(s.harness.sandbox, ADA, 'Focus block', { subject: 'Focus block before the customer call' });
    // The round's outcome, not the PATCH landing: the PATCH lands before the round has stored its state and ended.
    const round = await until('the notification round done', () => s.outcomes.find((o) => o.kind === 'done' && o.message.job.reason === 'notification'));
    expect(round).toMatchObject({ report: { patches: 1 } });
    expect(categoriesOf(s.harness.sandbox, ADA, 'Focus block before the customer call')).toContain('Customer');
  });

  test('a subscribed mailbox is on the live interval; missed puts it on the short one until its full round has run here', async () => {
    await until('Ada on the live interval', () => runtime.scheduler.intervalFor(s.tenantId, ADA) === LIVE_INTERVAL);
    const subscription = (await s.stores.subscriptions.forMailbox(s.tenantId, ADA))!;
    const before = s.outcomes.length;
    // Resolves once the delivery is answered: the handler has marked Ada and queued her full round.
    await s.harness.sandbox.triggerLifecycle(subscription.subscriptionId, 'missed');
    expect(runtime.scheduler.intervalFor(s.tenantId, ADA)).toBe(15 * 60_000);
    await until('the full round done', () => s.outcomes.slice(before).find((o) => o.kind === 'done' && o.message.job.reason === 'missed'));
    expect(runtime.scheduler.intervalFor(s.tenantId, ADA)).toBe(LIVE_INTERVAL);
  });

  test('stop is clean: workers idle, no timers left to run rounds', async () => {
    await runtime.stop();
    const after = s.outcomes.length;
    editEvent(s.harness.sandbox, ADA, 'Lunch', { subject: 'Lunch, moved' });
    await s.harness.sandbox.notificationsSettled();
    await new Promise((r) => setTimeout(r, 200));
    expect(s.outcomes.length).toBe(after);
  });
});
