import { ADA, categoriesOf } from '../sync/support/team';
import { startCliStack, type CliStack } from './support/cli-stack';

describe('calsync sync with a failing mailbox', () => {
  let stack: CliStack;
  beforeAll(async () => {
    stack = await startCliStack();
  });
  afterAll(() => stack.close());

  it('works the other mailboxes, names the failed one and exits 1', async () => {
    const result = await stack.run(['sync', '--mailbox', 'nobody@contoso.com', '--mailbox', ADA]);

    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^nobody@contoso\.com: FAILED: /m);
    expect(result.stdout).toMatch(/^sync: 2 mailboxes, 1 failed;/m);
    expect(categoriesOf(stack.sandbox, ADA, 'Customer kickoff')).toEqual(['Customer']);
  });
});
