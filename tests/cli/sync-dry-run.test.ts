/** `calsync sync --dry-run` plans from a full read of the window and writes nothing, first time or after the sync. */
import { ADA, BO, finalState } from '../sync/support/team';
import { startCliStack, type CliStack } from './support/cli-stack';

describe('calsync sync --dry-run', () => {
  let stack: CliStack;
  beforeAll(async () => {
    stack = await startCliStack();
  });
  afterAll(() => stack.close());

  it('reports what it would change and writes nothing to Graph or the sync state', async () => {
    const before = finalState(stack.sandbox);
    stack.sandbox.accounting.reset();

    const result = await stack.run(['sync', '--dry-run']);

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const accounting = stack.sandbox.accounting.snapshot();
    for (const upn of [ADA, BO]) {
      const counts = accounting.byMailbox[upn];
      expect(counts?.reads).toBeGreaterThan(0);
      expect(counts?.writes).toBe(0);
      expect(counts?.patchesByEventId).toEqual({});
    }
    expect(finalState(stack.sandbox)).toEqual(before);

    const adaLine = result.stdout.split('\n').find((l) => l.startsWith(`${ADA}:`));
    const wouldChange = Number(/would change (\d+)/.exec(adaLine ?? '')?.[1]);
    expect(wouldChange).toBeGreaterThan(0);
    expect(result.stdout).toMatch(/^sync: 2 mailboxes, 0 failed; scanned \d+, would change \d+ events \(dry run: nothing written\)$/m);

    const stores = stack.openStores();
    try {
      expect(await stores.syncState.get(stack.sandbox.tenantId, ADA)).toBeUndefined();
    } finally {
      await stores.close();
    }
  });

  it('after the sync has caught up, still reads the whole window (not the empty delta since the last round)', async () => {
    const scanned = (stdout: string): number => Number(/scanned (\d+)/.exec(stdout.split('\n').find((l) => l.startsWith('sync:')) ?? '')?.[1]);
    const first = await stack.run(['sync']);
    expect(first.code).toBe(0);
    const windowEvents = scanned(first.stdout);
    expect(windowEvents).toBeGreaterThan(0);
    const stateAfterSync = await (async () => {
      const stores = stack.openStores();
      try {
        return await stores.syncState.get(stack.sandbox.tenantId, ADA);
      } finally {
        await stores.close();
      }
    })();
    expect(stateAfterSync?.deltaLink).toBeTruthy();

    stack.sandbox.accounting.reset();
    const dry = await stack.run(['sync', '--dry-run']);
    expect(dry.code).toBe(0);
    // Issue #13: against a mailbox the sync keeps up with, the dry run said "scanned 0".
    expect(scanned(dry.stdout)).toBe(windowEvents);
    expect(dry.stdout).toMatch(/would change 0 events \(dry run: nothing written\)$/m);
    for (const upn of [ADA, BO]) expect(stack.sandbox.accounting.snapshot().byMailbox[upn]?.writes).toBe(0);

    const stores = stack.openStores();
    try {
      // Nothing stored: the sync's own deltaLink is the one it left.
      expect((await stores.syncState.get(stack.sandbox.tenantId, ADA))?.deltaLink).toBe(stateAfterSync?.deltaLink);
    } finally {
      await stores.close();
    }
  });
});
