/**
 * Throttling as Graph sends it, scripted per request: inner 429/503 with and without Retry-After, and Retry-After
 * values too long to hold a worker slot for. The waits are read from the round's report (what it slept), never
 * from a clock.
 */
import { MailboxThrottled } from '../../server/sync/backoff';
import { testBackoff, type SyncHarness } from './support/harness';
import { syncedTeam } from './support/synced-team';
import { ADA, categoriesOf, editEvent } from './support/team';

const innerPatch = { level: 'inner', method: 'PATCH' } as const;

describe('throttled rounds', () => {
  let h: SyncHarness;
  let edits = 0;
  let lunch = 'Lunch';
  beforeAll(async () => {
    h = await syncedTeam();
  });
  afterAll(() => h.close());
  beforeEach(() => {
    h.deps.backoff = testBackoff;
    // One changed event per test (its category flips): its round sends exactly one inner PATCH per $batch attempt.
    const subject = `${++edits % 2 ? 'Customer' : 'Focus'} lunch ${edits}`;
    editEvent(h.sandbox, ADA, lunch, { subject });
    lunch = subject;
  });
  afterEach(() => {
    const left = h.sandbox.faults.scriptedLeft();
    h.sandbox.faults.clearScript();
    expect(left).toBe(0);
  });

  test('inner 429s without Retry-After back off exponentially (base × 2^attempt, jittered), then the write lands', async () => {
    h.sandbox.faults.script({ kind: 'status', status: 429, match: innerPatch, times: 3 });
    const before = h.sandbox.accounting.snapshot().throttled429;
    const report = await h.round(ADA);
    expect(h.sandbox.accounting.snapshot().throttled429 - before).toBe(3);
    // testBackoff: base 5 ms, random 0.5 → round(5 × 0.5) + 10 × 0.5 + 20 × 0.5 = 3 + 5 + 10.
    expect(report.backoffWaitMs).toBe(18);
    expect(report).toMatchObject({ retries: 3, committed: true, failed: 0, stamped: 1 });
    expect(categoriesOf(h.sandbox, ADA, lunch)).toEqual([edits % 2 ? 'Customer' : 'Focus']);
  });

  test('an inner 503 without Retry-After backs off the same way', async () => {
    h.sandbox.faults.script({ kind: 'status', status: 503, match: innerPatch });
    const report = await h.round(ADA);
    expect(report).toMatchObject({ backoffWaitMs: 3, retries: 1, committed: true, stamped: 1 });
  });

  test("an inner Retry-After is honoured in full, even above the backoff's ceiling", async () => {
    h.deps.backoff = { ...testBackoff, maxDelayMs: 100 };
    h.sandbox.faults.script({ kind: 'status', status: 503, retryAfterSeconds: 1, match: innerPatch });
    const report = await h.round(ADA);
    // 1 s plus the policy's jitter on top (20 % × random 0.5); never cut to maxDelayMs.
    expect(report.backoffWaitMs).toBe(1_100);
    expect(report).toMatchObject({ retries: 1, committed: true, stamped: 1 });
  });

  test('an inner Retry-After of minutes gives the mailbox back instead of sleeping, and the next round finishes', async () => {
    h.sandbox.faults.script({ kind: 'status', status: 429, retryAfterSeconds: 300, match: innerPatch });
    const error = await h.round(ADA).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MailboxThrottled);
    expect((error as MailboxThrottled).retryAfterMs).toBe(300_000);
    const report = await h.round(ADA);
    expect(report).toMatchObject({ committed: true, failed: 0, backoffWaitMs: 0 });
    expect(categoriesOf(h.sandbox, ADA, lunch)).toEqual([edits % 2 ? 'Customer' : 'Focus']);
  });

  test('a top-level Retry-After of minutes (on the delta read) does the same', async () => {
    h.sandbox.faults.script({ kind: 'status', status: 429, retryAfterSeconds: 600, match: { level: 'top', path: /calendarView\/delta$/ } });
    const error = await h.round(ADA).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MailboxThrottled);
    expect((error as MailboxThrottled).retryAfterMs).toBe(600_000);
    expect(await h.round(ADA)).toMatchObject({ committed: true, stamped: 1 });
  });
});
