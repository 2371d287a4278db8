import { ADA, categoriesOf, editEvent, finalState } from '../sync/support/team';
import { startCliStack, type CliStack } from './support/cli-stack';

describe('calsync undo', () => {
  let stack: CliStack;
  beforeAll(async () => {
    stack = await startCliStack();
  });
  afterAll(() => stack.close());

  it('removes exactly the categories CalSync stamped, keeping those a person added', async () => {
    const before = finalState(stack.sandbox);
    expect((await stack.run(['sync'])).code).toBe(0);
    expect(categoriesOf(stack.sandbox, ADA, 'Customer kickoff')).toEqual(['Customer']);
    // A person adds a category by hand after the stamp; undo must leave it.
    editEvent(stack.sandbox, ADA, 'Customer kickoff', { categories: ['Customer', 'Hand picked'] });

    const result = await stack.run(['undo']);

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(categoriesOf(stack.sandbox, ADA, 'Customer kickoff')).toEqual(['Hand picked']);
    const after = finalState(stack.sandbox);
    after[ADA]!['Customer kickoff'] = before[ADA]!['Customer kickoff']!;
    expect(after).toEqual(before);
    expect(result.stdout).toMatch(/^undo: 2 mailboxes, 0 failed; scanned \d+, changed 7, removed from 7 events \(categories \+0 -\d+\)$/m);
  });

  it('--dry-run reports the removals and changes nothing', async () => {
    expect((await stack.run(['sync'])).code).toBe(0);
    const stamped = finalState(stack.sandbox);
    stack.sandbox.accounting.reset();

    const result = await stack.run(['undo', '--dry-run', '--mailbox', ADA]);

    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^${ADA}: scanned \\d+, would change [1-9]\\d*$`, 'm'));
    expect(stack.sandbox.accounting.snapshot().byMailbox[ADA]?.writes ?? 0).toBe(0);
    expect(finalState(stack.sandbox)).toEqual(stamped);
  });
});
