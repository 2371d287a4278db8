import { ADA, BO } from '../sync/support/team';
import { startCliStack, type CliStack } from './support/cli-stack';

describe('calsync sync progress', () => {
  let stack: CliStack;
  beforeAll(async () => {
    stack = await startCliStack();
  });
  afterAll(() => stack.close());

  it('redraws a bar with \\r on a terminal', async () => {
    const result = await stack.run(['sync', '--dry-run'], {}, { tty: true });

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('\r[------------------------] 0/2 mailboxes');
    expect(result.stdout).toContain('\r[########################] 2/2 mailboxes');
    expect(result.stdout).toContain(`\r\x1b[K${ADA}: scanned`);
    expect(result.stdout).toContain('\r\x1b[Ksync: 2 mailboxes, 0 failed;');
  });

  it('writes plain lines, one per mailbox, elsewhere', async () => {
    const result = await stack.run(['sync', '--dry-run'], {}, { tty: false });

    expect(result.stdout).not.toContain('\r');
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(
      lines
        .slice(0, 2)
        .map((l) => l.split(':')[0])
        .sort(),
    ).toEqual([ADA, BO]);
  });
});
