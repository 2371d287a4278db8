/**
 * Issue #14: `POST /api/notifications` answers before a slow queue does, without losing what it answered 202 to.
 * The queue here holds every enqueue open until the test lets it go (standing in for a queue that takes 10 s);
 * the 202 arriving while that promise is still pending is the proof — no timer is asserted. The rounds are parked
 * in the SQLite inbox, which is read back from a second connection to the file (what a restarted process sees),
 * then drained to the queue once, however many notifications named the mailbox.
 */
import Database from 'better-sqlite3';
import request from 'supertest';
import { openSqliteStores } from '../../server/store/sqlite';
import { InProcessMailboxQueue } from '../../server/sync/in-process-queue';
import type { MailboxJob } from '../../server/sync/mailbox-queue';
import { SERVED_TENANT, startNotificationApp, type NotificationApp } from './support/notification-app';

const ADA = 'ada@contoso.com';
const SUBSCRIPTION = '7f105c7d-2dc5-4530-97cd-4e7ae6534c07';
const STATE = 'c'.repeat(48);

/** A queue whose enqueue calls stay pending until `release()`; or fail at once with `failing`. */
class HeldQueue extends InProcessMailboxQueue {
  readonly held: MailboxJob[] = [];
  failing = false;
  private releases: Array<() => void> = [];
  override async enqueue(job: MailboxJob, delayMs?: number): Promise<void> {
    if (this.failing) throw new Error('queue unavailable');
    this.held.push(job);
    await new Promise<void>((resolve) => this.releases.push(resolve));
    await super.enqueue(job, delayMs);
  }
  release(): void {
    for (const r of this.releases.splice(0)) r();
  }
  get pendingCalls(): number {
    return this.releases.length;
  }
  /** Lets every held call go, including the ones `work` makes after each release, until `work` settles. */
  async releaseUntil<T>(work: Promise<T>): Promise<T> {
    let settled = false;
    void work.finally(() => (settled = true)).catch(() => undefined);
    for (let i = 0; !settled && i < 1_000; i++) {
      this.release();
      await new Promise((r) => setImmediate(r));
    }
    return work;
  }
}

const delivery = (overrides: Record<string, unknown> = {}) => ({
  value: [{ subscriptionId: SUBSCRIPTION, tenantId: SERVED_TENANT, clientState: STATE, changeType: 'updated', resource: 'Users/x/Events/y', ...overrides }],
});

describe('notifications are answered before a slow queue', () => {
  let queue: HeldQueue;
  let n: NotificationApp;
  beforeEach(async () => {
    queue = new HeldQueue();
    n = startNotificationApp({ queue, handOffMs: 20 });
    await n.cached.put({
      subscriptionId: SUBSCRIPTION,
      tenantId: SERVED_TENANT,
      mailboxId: ADA,
      clientState: STATE,
      expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
  });
  afterEach(async () => {
    queue.release();
    await n.close();
  });

  test('202 while the queue call is still pending; the round is parked durably, then drained to the queue once', async () => {
    await request(n.app).post('/api/notifications').send(delivery()).expect(202);
    expect(queue.pendingCalls).toBe(1);
    await request(n.app).post('/api/notifications').send(delivery()).expect(202);
    await request(n.app)
      .post('/api/notifications')
      .send(delivery({ lifecycleEvent: 'missed' }))
      .expect(202);
    expect(queue.pendingCalls).toBe(3);
    expect(n.handler.counts.parked).toBe(3);

    // What a process restarted after a crash would find: read from the file by another connection.
    const db = new Database(n.dbPath, { readonly: true });
    const parked = db.prepare('SELECT doc FROM notification_inbox ORDER BY parked_at').all() as { doc: string }[];
    db.close();
    expect(parked.map((r) => JSON.parse(r.doc))).toEqual([
      { tenantId: SERVED_TENANT, mailboxId: ADA, full: false },
      { tenantId: SERVED_TENANT, mailboxId: ADA, full: true },
    ]);

    // The queue is still slow: the drain's own enqueues are held too; release them and let the drain finish.
    expect(await queue.releaseUntil(n.handler.drainInbox())).toBe(2);
    expect(await n.stores.notificationInbox.pending(10)).toEqual([]);
    const jobs = (await queue.receive(10, 60_000)).map((m) => m.job);
    // Three from the slow calls that landed late, two from the drain: rounds run more than once, none is lost.
    expect(jobs.filter((j) => j.full)).toHaveLength(2);
    expect(jobs.filter((j) => !j.full)).toHaveLength(3);
  });

  test('a queue that fails is answered 202 too, with the round parked for the drain', async () => {
    queue.failing = true;
    await request(n.app).post('/api/notifications').send(delivery()).expect(202);
    expect(await n.stores.notificationInbox.pending(10)).toEqual([expect.objectContaining({ tenantId: SERVED_TENANT, mailboxId: ADA, full: false })]);
    queue.failing = false;
    expect(await queue.releaseUntil(n.handler.drainInbox())).toBe(1);
    expect((await queue.receive(10, 60_000)).map((m) => m.job)).toEqual([{ tenantId: SERVED_TENANT, mailboxId: ADA, reason: 'notification' }]);
  });

  test('when neither the queue nor the inbox takes the round, the answer is a 5xx and Graph retries', async () => {
    queue.failing = true;
    await n.stores.close();
    const res = await request(n.app).post('/api/notifications').send(delivery());
    expect(res.status).toBeGreaterThanOrEqual(500);
    n.stores = openSqliteStores({ path: n.dbPath });
  });
});
