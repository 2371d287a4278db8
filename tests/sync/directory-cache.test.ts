/**
 * Enrolment 'all' reads the directory once per schedule interval, not at every scheduler tick, and the rules'
 * owners come from that same listing: a personal rule's change finds its mailbox without a Graph call per user.
 */
import { Writable } from 'node:stream';
import pino from 'pino';
import { createTenantSync } from '../../server/compose/sync-host';
import { DirectoryCache } from '../../server/sync/directory-cache';
import type { DirectoryUser } from '../../server/sync/graph-users';
import { InProcessMailboxQueue } from '../../server/sync/in-process-queue';
import type { MailboxJob } from '../../server/sync/mailbox-queue';
import { startTenantsStack, type TenantsStack } from './support/tenants';

const MINUTE = 60_000;

describe('DirectoryCache', () => {
  let clock = Date.parse('2026-12-03T09:00:00Z');
  const now = () => new Date(clock);
  const users: DirectoryUser[] = [
    { address: 'ada@contoso.com', id: 'a0a0a0a0-0000-4000-8000-000000000001' },
    { address: 'bo@contoso.com', id: 'b0b0b0b0-0000-4000-8000-000000000002' },
  ];

  test('one listing per ttl, shared by callers that ask together; then listed again', async () => {
    let listings = 0;
    const cache = new DirectoryCache(
      async () => {
        listings++;
        return users;
      },
      { ttlMs: 15 * MINUTE, now },
    );
    expect(await Promise.all([cache.addresses('t'), cache.addresses('t')])).toEqual([
      ['ada@contoso.com', 'bo@contoso.com'],
      ['ada@contoso.com', 'bo@contoso.com'],
    ]);
    clock += 15 * MINUTE - 1;
    await cache.addresses('t');
    expect(listings).toBe(1);
    clock += 1;
    await cache.addresses('t');
    expect(listings).toBe(2);
    await cache.addresses('other tenant');
    expect(listings).toBe(3);
  });

  test('owners come from the last listing, by address in any case; a user not in it has none', async () => {
    const cache = new DirectoryCache(async () => users, { ttlMs: MINUTE, now });
    expect(cache.ownerOf('t', 'ada@contoso.com')).toBeUndefined();
    await cache.addresses('t');
    expect(cache.ownerOf('t', 'Ada@Contoso.com')).toBe(users[0]!.id);
    expect(cache.ownerOf('t', 'cy@contoso.com')).toBeUndefined();
    expect(cache.ownerOf('u', 'ada@contoso.com')).toBeUndefined();
  });

  test('a failed listing is not kept: the next call asks again', async () => {
    let calls = 0;
    const cache = new DirectoryCache(
      async () => {
        if (++calls === 1) throw new Error('Graph 503');
        return users;
      },
      { ttlMs: MINUTE, now },
    );
    await expect(cache.addresses('t')).rejects.toThrow('Graph 503');
    expect(await cache.addresses('t')).toHaveLength(2);
    expect(calls).toBe(2);
  });
});

describe("the scheduler's 'all' enrolment against the sandbox", () => {
  const TENANT = { id: 'd4d4d4d4-0000-4000-8000-00000000000d', domain: 'dogwood.com', mailboxes: 30 };
  let stack: TenantsStack;
  /** Each Graph request's method and path, as the sandbox logs it. */
  const requests: string[] = [];
  const sandboxLog = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (!line) continue;
        const entry = JSON.parse(line) as { msg?: string; method?: string; path?: string };
        if (entry.msg === 'graph request') requests.push(`${entry.method} ${entry.path}`);
      }
      done();
    },
  });

  beforeAll(async () => {
    stack = await startTenantsStack([TENANT], { sandbox: { logger: pino({ level: 'debug' }, sandboxLog) } });
    const settings = await stack.stores.settings.get(TENANT.id);
    await stack.stores.settings.put({ ...settings!, enrolledMailboxes: 'all' }, settings!.etag);
  });
  afterAll(() => stack.close());

  test('ticks within one interval list /users once; a personal rule finds its mailbox with no lookup per user', async () => {
    let clock = Date.parse('2026-12-03T09:00:00Z');
    const queued: MailboxJob[] = [];
    const queue = new InProcessMailboxQueue(() => clock);
    const original = queue.enqueue.bind(queue);
    queue.enqueue = async (job, delayMs) => {
      queued.push(job);
      await original(job, delayMs);
    };
    const runtime = createTenantSync({
      stores: stack.stores,
      queue,
      tenants: [TENANT.id],
      clientFor: stack.graph.clientFor,
      workers: 0,
      intervalMs: 15 * MINUTE,
      now: () => new Date(clock),
      logger: pino({ level: 'silent' }),
    });
    requests.length = 0;
    expect(await runtime.scheduler.tick()).toBe(TENANT.mailboxes);
    clock += MINUTE;
    await runtime.scheduler.tick();
    clock += 13 * MINUTE;
    await runtime.scheduler.tick();
    const listings = () => requests.filter((r) => r === 'GET /users').length;
    expect(listings()).toBe(1);

    // The owner of a personal rule is the user's object id; the listing already named it.
    const last = stack.upns[TENANT.id]!.at(-1)!;
    const ownerId = stack.sandbox.store.findMailbox(last)!.id;
    queued.length = 0;
    await runtime.onRulesChanged({ tenantId: TENANT.id, ownerId });
    expect(queued.map((j) => j.mailboxId)).toEqual([last]);
    expect(requests.filter((r) => r.startsWith('GET /users/'))).toEqual([]);

    // One interval after the listing, the directory is read again (a new hire is enrolled within one interval).
    clock += MINUTE;
    await runtime.scheduler.tick();
    expect(listings()).toBe(2);
    await runtime.stop();
  });
});
