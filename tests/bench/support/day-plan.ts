/**
 * bench:day's seeded inputs: each mailbox's stream of changes over the simulated day, the rules, and the two rule
 * changes. The same seed gives the same plan, so "before" and "after" run the same day.
 */
import type { Rule } from '../../../shared';
import { createPrng } from '../../../graph-sandbox/src/prng';

export type ChangeKind = 'invitation' | 'move' | 'response' | 'cancellation';

export interface PlannedChange {
  /** Milliseconds after the day's start. */
  atMs: number;
  /** Index of the mailbox the change happens to (an invitation's organizer is another one). */
  mailbox: number;
  kind: ChangeKind;
  /** Seeded choice of event, organizer, offset or answer, drawn when the change is applied. */
  pick: number;
}

export const DAY_MS = 86_400_000;
/** The scheduler's check period for a 15-minute interval (a tenth, at most 30 s: sync-scheduler.ts). */
export const STEP_MS = 30_000;
/** Subscription renewal passes run hourly (sync-runtime.ts, renewEveryMs). */
export const RENEW_EVERY_MS = 3_600_000;
/** The rule changes: an edit mid-morning, a new rule mid-afternoon. */
export const RULE_CHANGES_AT_MS = [10 * 3_600_000, 15 * 3_600_000];

/** Invitations and moves change what the rules see most; responses and cancellations change the rest. */
const KINDS: readonly ChangeKind[] = ['invitation', 'invitation', 'invitation', 'move', 'move', 'move', 'response', 'response', 'cancellation', 'cancellation'];

/** About `perMailbox` changes for each mailbox (±25 %), at seeded times between 06:00 and 20:00 of the day. */
export function planDay(mailboxes: number, perMailbox: number, seed: number): PlannedChange[] {
  const prng = createPrng(seed);
  const rand = prng.next;
  const changes: PlannedChange[] = [];
  for (let m = 0; m < mailboxes; m++) {
    const count = Math.round(perMailbox * (0.75 + rand() * 0.5));
    for (let i = 0; i < count; i++) {
      changes.push({ atMs: Math.floor((6 + rand() * 14) * 3_600_000), mailbox: m, kind: prng.pick(KINDS), pick: rand() });
    }
  }
  return changes.sort((a, b) => a.atMs - b.atMs || a.mailbox - b.mailbox);
}

const rule = (id: string, order: number, category: string, color: Rule['then']['color'], when: Rule['when']): Rule => ({
  id,
  name: category,
  scope: 'org',
  enabled: true,
  order,
  when,
  then: { category, color, stop: false },
});

/** Rules each kind of change can move an event in or out of. */
export const DAY_RULES: readonly Rule[] = [
  rule('r_customer', 1, 'Customer', 'preset4', { field: 'subject', op: 'contains', value: 'customer' }),
  rule('r_meeting', 2, 'Meeting', 'preset1', { field: 'attendeeCount', op: 'gte', value: 1 }),
  rule('r_tentative', 3, 'Tentative', 'preset7', { field: 'responseStatus', op: 'equals', value: 'tentativelyAccepted' }),
  rule('r_early', 4, 'Early', 'preset2', { field: 'startTime', op: 'before', value: '10:00' }),
  rule('r_long', 5, 'Long', 'preset12', { field: 'durationMinutes', op: 'gte', value: 90 }),
];

/** The rules after the first change (Early moves to 11:00), then after the second (a rule for declined meetings). */
export const RULE_EDITS: readonly ((rules: Rule[]) => Rule[])[] = [
  (rules) => rules.map((r) => (r.id === 'r_early' ? { ...r, when: { field: 'startTime', op: 'before', value: '11:00' } } : r)),
  (rules) => [...rules, rule('r_declined', 6, 'Declined', 'preset0', { field: 'responseStatus', op: 'equals', value: 'declined' })],
];
