import { ADA, BO, categoriesOf } from '../sync/support/team';
import { startCliStack, type CliStack } from './support/cli-stack';

describe("calsync sync with enrolledMailboxes 'all'", () => {
  let stack: CliStack;
  beforeAll(async () => {
    stack = await startCliStack({ enrolled: 'all' });
  });
  afterAll(() => stack.close());

  it("lists the tenant's users from Graph and syncs each", async () => {
    const result = await stack.run(['sync']);

    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^sync: 2 mailboxes, 0 failed;/m);
    expect(categoriesOf(stack.sandbox, ADA, 'Customer kickoff')).toEqual(['Customer']);
    expect(categoriesOf(stack.sandbox, BO, 'Focus on taxes')).toEqual(['Focus']);
  });
});
