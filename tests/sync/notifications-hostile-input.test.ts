/**
 * Issue #12 item 2: `/api/notifications` is public, so what a forged delivery can make the service do is bounded.
 * Items that cannot be genuine (a tenant not served, a subscription id that is not a GUID, a repeat within the
 * delivery) cost no store read; lookups are cached across deliveries, found or not; a delivery's size is capped;
 * each caller address is rate-limited, by the address the app's trust-proxy setting lets it see.
 */
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { MAX_NOTIFICATIONS_PER_DELIVERY } from '../../server/routes/notifications';
import { InProcessMailboxQueue } from '../../server/sync/in-process-queue';
import { OTHER_TENANT, SERVED_TENANT, startNotificationApp, type NotificationApp } from './support/notification-app';

const ADA = 'ada@contoso.com';
const item = (overrides: Record<string, unknown> = {}) => ({
  subscriptionId: randomUUID(),
  tenantId: SERVED_TENANT,
  clientState: 'forged',
  changeType: 'updated',
  resource: 'Users/x/Events/y',
  ...overrides,
});

describe('notification endpoint under hostile input', () => {
  let n: NotificationApp;
  let queue: InProcessMailboxQueue;
  beforeEach(() => {
    queue = new InProcessMailboxQueue();
    n = startNotificationApp({ queue, app: { notificationsPerMinute: 100_000 } });
  });
  afterEach(() => n.close());

  test('the issue #12 input — 10,001 items in one POST — is refused whole, with no store read', async () => {
    const value = Array.from({ length: 10_001 }, () => ({ subscriptionId: randomUUID(), tenantId: SERVED_TENANT, clientState: 'x' }));
    const res = await request(n.app).post('/api/notifications').send({ value });
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('payload_too_large');
    expect(n.backing.reads).toBe(0);
    // The cap itself is accepted.
    const atCap = Array.from({ length: MAX_NOTIFICATIONS_PER_DELIVERY }, () => ({ subscriptionId: 'x', tenantId: SERVED_TENANT }));
    await request(n.app).post('/api/notifications').send({ value: atCap }).expect(202);
  });

  test('a body over 256 KB is refused before it is parsed', async () => {
    const res = await request(n.app)
      .post('/api/notifications')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ value: [item({ resource: 'x'.repeat(256 * 1024) })] }));
    expect(res.status).toBe(413);
    expect(n.backing.reads).toBe(0);
  });

  test('items naming a tenant not served, a non-GUID id, or repeating an id cost nothing; one read for the rest', async () => {
    const repeated = randomUUID();
    const value = [
      ...Array.from({ length: 200 }, () => item({ tenantId: OTHER_TENANT })),
      ...Array.from({ length: 100 }, (_, i) => item({ subscriptionId: `not-a-guid-${i}` })),
      ...Array.from({ length: 100 }, () => item({ subscriptionId: randomUUID().toUpperCase() })),
      ...Array.from({ length: 100 }, () => item({ tenantId: 'contoso.com' })),
      ...Array.from({ length: 200 }, () => item({ subscriptionId: repeated })),
    ];
    await request(n.app).post('/api/notifications').send({ value }).expect(202);
    expect(n.backing.reads).toBe(1);
    expect(n.handler.counts).toMatchObject({ accepted: 0, forged: value.length });
  });

  test('across deliveries an id is read once per minute, unknown or known; a subscription stored here is found at once', async () => {
    const unknown = randomUUID();
    for (let i = 0; i < 50; i++)
      await request(n.app)
        .post('/api/notifications')
        .send({ value: [item({ subscriptionId: unknown })] })
        .expect(202);
    expect(n.backing.reads).toBe(1);

    // Stored after its id was cached as unknown (Graph delivering before our put landed): found on the next delivery.
    await n.cached.put({
      subscriptionId: unknown,
      tenantId: SERVED_TENANT,
      mailboxId: ADA,
      clientState: 's'.repeat(40),
      expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    for (let i = 0; i < 50; i++) {
      await request(n.app)
        .post('/api/notifications')
        .send({ value: [item({ subscriptionId: unknown, clientState: 's'.repeat(40) })] })
        .expect(202);
    }
    expect(n.backing.reads).toBe(2);
    expect(n.handler.counts.accepted).toBe(50);
    expect((await queue.receive(100, 60_000)).map((m) => m.job)).toHaveLength(50);
  });

  test('concurrent deliveries naming one id share one read', async () => {
    const id = randomUUID();
    await Promise.all(
      Array.from({ length: 40 }, () =>
        request(n.app)
          .post('/api/notifications')
          .send({ value: [item({ subscriptionId: id })] })
          .expect(202),
      ),
    );
    expect(n.backing.reads).toBe(1);
  });
});

describe('notification endpoint rate limit per client address', () => {
  const LIMIT = 5;
  const flood = async (n: NotificationApp, forwardedFor: (i: number) => string | undefined) => {
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT + 3; i++) {
      const req = request(n.app).post('/api/notifications');
      const xff = forwardedFor(i);
      if (xff) req.set('X-Forwarded-For', xff);
      const res = await req.send({ value: [item()] });
      statuses.push(res.status);
      if (res.status === 429) expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    }
    return statuses;
  };

  test('past the limit a caller gets 429 with Retry-After, and its items are not looked at', async () => {
    const n = startNotificationApp({ queue: new InProcessMailboxQueue(), app: { notificationsPerMinute: LIMIT } });
    try {
      const statuses = await flood(n, () => undefined);
      expect(statuses).toEqual([...Array(LIMIT).fill(202), 429, 429, 429]);
      expect(n.backing.reads).toBe(LIMIT);
    } finally {
      await n.close();
    }
  });

  test('by default X-Forwarded-For is not believed: a caller cannot escape the limit by inventing addresses', async () => {
    const n = startNotificationApp({ queue: new InProcessMailboxQueue(), app: { notificationsPerMinute: LIMIT } });
    try {
      expect(await flood(n, (i) => `203.0.113.${i + 1}`)).toContain(429);
    } finally {
      await n.close();
    }
  });

  test('trusting one proxy hop, each forwarded client address has its own limit', async () => {
    const n = startNotificationApp({ queue: new InProcessMailboxQueue(), app: { notificationsPerMinute: LIMIT, trustProxy: 1 } });
    try {
      expect(await flood(n, (i) => `203.0.113.${i + 1}`)).not.toContain(429);
      expect(await flood(n, () => '198.51.100.7')).toContain(429);
    } finally {
      await n.close();
    }
  });
});
