/**
 * `calsync rules import` re-runs what it changed, as the API's import does (issue #13: the CLI's import waited for
 * the next scheduled round, ~4 minutes in the demo): org rules park every enrolled mailbox in the store's inbox,
 * personal rules their owner's mailbox only (found through Graph by object id), and settings that enrol 'all'
 * list the tenant's users. The runtime side — the inbox drained into the queue — is in
 * tests/sync/notification-inbox-restart.test.ts; end to end against the demo in tests/demo/cli-against-demo.test.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ADA, BO } from '../sync/support/team';
import { startCliStack, type CliStack } from './support/cli-stack';

async function parked(stack: CliStack): Promise<string[]> {
  const stores = stack.openStores();
  try {
    return (await stores.notificationInbox.pending(100)).map((e) => e.mailboxId).sort();
  } finally {
    await stores.close();
  }
}

async function clearInbox(stack: CliStack): Promise<void> {
  const stores = stack.openStores();
  try {
    for (const entry of await stores.notificationInbox.pending(100)) await stores.notificationInbox.remove(entry);
  } finally {
    await stores.close();
  }
}

describe('calsync rules import re-runs the affected mailboxes', () => {
  let stack: CliStack;
  beforeAll(async () => {
    stack = await startCliStack();
  });
  afterAll(() => stack.close());
  beforeEach(() => clearInbox(stack));

  test('org rules: every enrolled mailbox', async () => {
    const file = path.join(stack.temp.dir, 'org.json');
    expect((await stack.run(['rules', 'export', file])).code).toBe(0);
    const result = await stack.run(['rules', 'import', file]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('re-run requested for 2 mailboxes');
    expect(await parked(stack)).toEqual([ADA, BO].sort());
  });

  test("personal rules: the owner's mailbox only", async () => {
    const adaObjectId = stack.sandbox.store.mailbox(ADA).id.toLowerCase();
    const file = path.join(stack.temp.dir, 'personal.json');
    const set = {
      scope: 'personal',
      rules: [
        {
          name: 'Health',
          scope: 'personal',
          enabled: true,
          when: { field: 'subject', op: 'contains', value: 'dentist' },
          then: { category: 'Health', color: 'preset4' },
        },
      ],
    };
    fs.writeFileSync(file, JSON.stringify(set));
    const result = await stack.run(['rules', 'import', file, '--owner', adaObjectId]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('re-run requested for 1 mailbox:');
    expect(await parked(stack)).toEqual([ADA]);
  });

  test('a restore of the org rules: every enrolled mailbox, as after an import', async () => {
    const file = path.join(stack.temp.dir, 'one-org-rule.json');
    const only = {
      name: 'Only',
      scope: 'org',
      enabled: true,
      when: { field: 'subject', op: 'contains', value: 'x' },
      then: { category: 'Only', color: 'preset4' },
    };
    fs.writeFileSync(file, JSON.stringify({ scope: 'org', rules: [only] }));
    expect((await stack.run(['rules', 'import', file])).code).toBe(0);
    await clearInbox(stack);
    const id = /^(v\S+)/.exec((await stack.run(['rules', 'versions'])).stdout)![1]!;
    const result = await stack.run(['rules', 'restore', id]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('re-run requested for 2 mailboxes');
    expect(await parked(stack)).toEqual([ADA, BO].sort());
  });
});

test("settings that enrol 'all': the tenant's users from Graph", async () => {
  const stack = await startCliStack({ enrolled: 'all' });
  try {
    const file = path.join(stack.temp.dir, 'org.json');
    expect((await stack.run(['rules', 'export', file])).code).toBe(0);
    expect((await stack.run(['rules', 'import', file])).code).toBe(0);
    expect(await parked(stack)).toEqual(expect.arrayContaining([ADA, BO]));
  } finally {
    await stack.close();
  }
});
