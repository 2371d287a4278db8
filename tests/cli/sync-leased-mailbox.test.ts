import { acquireLease } from '../../server/sync/mailbox-lease';
import { ADA, BO, categoriesOf } from '../sync/support/team';
import { startCliStack, type CliStack } from './support/cli-stack';

describe('calsync sync and the workers’ leases', () => {
  let stack: CliStack;
  beforeAll(async () => {
    stack = await startCliStack();
  });
  afterAll(() => stack.close());

  it('leaves a mailbox a worker holds, exits 1, and releases the leases it took', async () => {
    const stores = stack.openStores();
    try {
      const held = await acquireLease(stores.syncState, stack.sandbox.tenantId, BO, { holder: 'worker-1', ttlMs: 60_000 });
      expect(held.acquired).toBe(true);
    } finally {
      await stores.close();
    }

    const result = await stack.run(['sync']);

    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(new RegExp(`^${BO}: FAILED: being synced by a worker`, 'm'));
    expect(categoriesOf(stack.sandbox, BO, 'Focus on taxes')).toEqual([]);
    expect(categoriesOf(stack.sandbox, ADA, 'Customer kickoff')).toEqual(['Customer']);
    const after = stack.openStores();
    try {
      const ada = await after.syncState.get(stack.sandbox.tenantId, ADA);
      expect(ada?.deltaLink).toBeTruthy();
      expect(ada?.lease ?? null).toBeNull();
      expect((await after.syncState.get(stack.sandbox.tenantId, BO))?.lease?.holder).toBe('worker-1');
    } finally {
      await after.close();
    }
  });
});
