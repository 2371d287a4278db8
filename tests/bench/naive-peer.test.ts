/**
 * The naive peer bench:sync compares against does what such a flow does, no more: it lists the window with
 * calendarView every round (no delta, no $batch), PATCHes only items whose categories differ from what the rules
 * give, one request each and at most 4 at a time per mailbox, and keeps categories the rules never give.
 */
import type { Rule } from '../../shared';
import { windowBounds } from '../../server/sync/round-config';
import { DEFAULT_SYNC_WINDOW } from '../../shared/settings-defaults';
import { startHarness, type SandboxHarness } from '../../graph-sandbox/tests/support/sandbox-client';
import { desiredCategories, naivePeerRound } from './support/naive-peer';

const rule = (id: string, category: string, when: Rule['when'], order: number): Rule => ({
  id,
  name: category,
  scope: 'org',
  enabled: true,
  order,
  when,
  then: { category, color: 'preset1', stop: false },
});
const rules = {
  rules: [
    rule('r_meeting', 'Meeting', { field: 'attendeeCount', op: 'gte', value: 1 }, 1),
    rule('r_long', 'Long', { field: 'durationMinutes', op: 'gte', value: 60 }, 2),
  ],
  internalDomains: ['contoso.com'],
};

describe('naive peer (bench:sync)', () => {
  let h: SandboxHarness;
  let upn: string;
  beforeAll(async () => {
    // Latency well above a loaded machine's event-loop stalls, so 4 PATCHes sent together are 4 in flight there.
    h = await startHarness({ scenario: { generate: { mailboxes: 2, eventsPerMailbox: 40, seed: 11 } }, faults: { latencyMs: 60 } });
    upn = h.sandbox.store.mailboxes()[0]!.userPrincipalName;
  });
  afterAll(() => h.close());

  it('keeps categories the rules never give, drops rule categories no longer matched, adds matches once', () => {
    const keys = new Set(['meeting', 'long']);
    expect(desiredCategories(['Personal', 'Long'], ['Meeting'], keys)).toEqual(['Personal', 'Meeting']);
    expect(desiredCategories(['meeting'], ['Meeting'], keys)).toEqual(['meeting']);
  });

  it('lists with calendarView every round and PATCHes only what differs, one request each, 4 at a time', async () => {
    const window = windowBounds(DEFAULT_SYNC_WINDOW, new Date());
    h.sandbox.accounting.reset();
    const first = await naivePeerRound(h.client, upn, rules, window);
    const afterFirst = h.sandbox.accounting.snapshot();
    expect(first.patched).toBeGreaterThan(4);
    // One calendarView page (≤ 1,000 items), then one PATCH per write.
    expect(first.requests).toBe(1 + first.patched);
    expect(afterFirst.batches).toBe(0);
    expect(afterFirst.byMailbox[upn]).toMatchObject({ reads: 1, writes: first.patched });
    expect(afterFirst.throttled429).toBe(0);
    expect(afterFirst.maxConcurrencyByMailbox[upn]).toBe(4);

    h.sandbox.accounting.reset();
    const second = await naivePeerRound(h.client, upn, rules, window);
    // Nothing differs any more, yet the whole window is read again.
    expect(second).toEqual({ requests: 1, listed: first.listed, patched: 0 });
    expect(h.sandbox.accounting.snapshot().byMailbox[upn]).toMatchObject({ reads: 1, writes: 0 });
  });
});
