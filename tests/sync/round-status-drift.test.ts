/**
 * The colour drift a mailbox's record keeps for the Admin tab (issue #16): what the last master-list check left
 * (not what it restored), kept through rounds that did not check, and a reason to write the record when it moves.
 */
import { emptySyncState, type MailboxSyncState } from '../../server/store/sync-state';
import { emptyReport } from '../../server/sync/round-report';
import { DRIFT_KEPT, lastRoundRecord, recordDue } from '../../server/sync/round-status';

const START = new Date('2026-12-02T09:00:00.000Z');
const END = new Date('2026-12-02T09:00:05.000Z');
const ended = (drift: ReturnType<typeof emptyReport>['categoryDrift']) => ({
  report: { ...emptyReport('ana@contoso.com', 'sync', false), categoryDrift: drift },
});
const stateWith = (lastRound: MailboxSyncState['lastRound']): MailboxSyncState => ({ ...emptySyncState('t1', 'ana@contoso.com'), lastRound });

describe('drift in the last-round record', () => {
  test('a check keeps what it left off the scheme, not what it restored', () => {
    const record = lastRoundRecord(
      stateWith(null),
      ended([
        { category: 'Client', expected: 'preset1', actual: 'preset7', restored: true },
        { category: 'Focus', expected: 'preset5', actual: null, restored: false },
      ]),
      START,
      END,
    );
    expect(record.categoryDrift).toEqual([{ category: 'Focus', expected: 'preset5', actual: null }]);
  });

  test('a check that finds none clears it; a round that did not check, or failed, keeps the last', () => {
    const before = lastRoundRecord(stateWith(null), ended([{ category: 'Focus', expected: 'preset5', actual: 'preset2', restored: false }]), START, END);
    expect(lastRoundRecord(stateWith(before), ended(null), START, END).categoryDrift).toEqual(before.categoryDrift);
    expect(lastRoundRecord(stateWith(before), { error: new Error('503') }, START, END).categoryDrift).toEqual(before.categoryDrift);
    expect(lastRoundRecord(stateWith(before), ended([]), START, END)).not.toHaveProperty('categoryDrift');
  });

  test(`at most ${DRIFT_KEPT} categories are kept`, () => {
    const many = Array.from({ length: DRIFT_KEPT + 5 }, (_, i) => ({ category: `C${i}`, expected: 'preset1', actual: 'preset2', restored: false }));
    expect(lastRoundRecord(stateWith(null), ended(many), START, END).categoryDrift).toHaveLength(DRIFT_KEPT);
  });

  test('a quiet round writes its record when the drift moved', () => {
    const clean = lastRoundRecord(stateWith(null), ended([]), START, END);
    const drifted = lastRoundRecord(stateWith(clean), ended([{ category: 'Focus', expected: 'preset5', actual: 'preset2', restored: false }]), START, END);
    expect(recordDue(clean, drifted)).toBe(true);
    expect(recordDue(drifted, lastRoundRecord(stateWith(drifted), ended(null), START, END))).toBe(false);
  });
});
