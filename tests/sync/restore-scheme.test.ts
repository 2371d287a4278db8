/**
 * The admin's re-apply of the colour scheme (issue #16): a round asked to restore the scheme checks the master list
 * at once (not at its daily check) and puts the org colour back even under categoryPolicy 'allow'; the queue
 * carries the request from the API to the worker.
 */
import { parseJob } from '../../server/sync/mailbox-queue';
import { startSyncHarness, type SyncHarness } from './support/harness';
import { ADA, masterCategoryColors, teamDocument, teamRules } from './support/team';

describe('restoring the scheme under allow', () => {
  let h: SyncHarness;
  const focus = () => [...h.sandbox.store.mailbox(ADA).masterCategories.values()].find((c) => c.displayName === 'Focus')!;

  beforeEach(async () => {
    // The default daily check: the rounds below would not look at the master list on their own.
    h = await startSyncHarness({ document: teamDocument(), rules: teamRules(), settings: { internalDomains: ['contoso.com'], categoryPolicy: 'allow' } });
    await h.round(ADA);
  });
  afterEach(() => h.close());

  test('a plain round leaves the person’s colour; one asked to restore puts the scheme back and reports it', async () => {
    const scheme = focus().color;
    focus().color = 'preset20';
    const plain = await h.round(ADA);
    expect(plain.categoryDrift).toBeNull(); // not checked: the daily check is not due
    expect(masterCategoryColors(h.sandbox, ADA).Focus).toBe('preset20');

    const restored = await h.round(ADA, { restoreScheme: true });
    expect(restored.categoryDrift).toEqual([{ category: 'Focus', expected: scheme, actual: 'preset20', restored: true }]);
    expect(masterCategoryColors(h.sandbox, ADA).Focus).toBe(scheme);
  });

  test('the queue message carries the request', () => {
    const job = { tenantId: 't1', mailboxId: ADA, reason: 'resync' as const, restoreScheme: true };
    expect(parseJob(JSON.stringify(job))).toEqual(job);
    expect(parseJob(JSON.stringify({ ...job, restoreScheme: false }))).toEqual({ tenantId: 't1', mailboxId: ADA, reason: 'resync' });
  });
});
