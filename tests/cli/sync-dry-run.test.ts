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
});
