import { ADA, BO, categoriesOf } from '../sync/support/team';
import { startCliStack, type CliStack } from './support/cli-stack';

describe('calsync sync', () => {
  let stack: CliStack;
  beforeAll(async () => {
    stack = await startCliStack();
  });
  afterAll(() => stack.close());

  it("stamps every enrolled mailbox's events with their rules' categories and commits the round", async () => {
    const result = await stack.run(['sync']);

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(categoriesOf(stack.sandbox, ADA, 'Customer kickoff')).toEqual(['Customer']);
    expect(categoriesOf(stack.sandbox, ADA, 'Dentist')).toEqual(['Personal']);
    expect(categoriesOf(stack.sandbox, BO, 'Focus on taxes')).toEqual(['Focus']);
    expect(result.stdout).toMatch(new RegExp(`^${ADA}: scanned \\d+, changed 5, stamped 5 `, 'm'));
    expect(result.stdout).toMatch(/^sync: 2 mailboxes, 0 failed; scanned \d+, changed 7, stamped 7 events/m);

    // The deltaLink was stored: the next run reads only changes and writes nothing.
    stack.sandbox.accounting.reset();
    const again = await stack.run(['sync', '--mailbox', ADA]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^sync: 1 mailboxes, 0 failed; scanned \d+, changed 0, stamped 0 events/m);
    expect(stack.sandbox.accounting.snapshot().byMailbox[ADA]?.writes ?? 0).toBe(0);
    expect(stack.sandbox.accounting.snapshot().byMailbox[BO]).toBeUndefined();
  });
});
