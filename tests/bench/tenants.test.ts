/**
 * bench:tenants at a tiny size, so the bench cannot rot: 2 tenants × 2 mailboxes × 5 events through the same script
 * (its sandbox child, the sync as serve composes it). What must hold whatever the timing: every mailbox of every
 * tenant swept, none failed, and no request reached a mailbox with another tenant's token. No time is asserted.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

jest.setTimeout(180_000);

test('the tiny bench sweeps every tenant with its own tokens', async () => {
  const script = path.resolve(__dirname, 'tenants.bench.ts');
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', script, '--tenants', '2', '--mailboxes', '2', '--events', '5', '--workers', '2'],
    { cwd: path.resolve(__dirname, '../..') },
  );
  const last = JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, number>;
  expect(last).toMatchObject({ tenants: 2, mailboxes: 4, crossTenantTokenUses: 0, failed: 0, workers: 2 });
  expect(last.idealBoundMs).toBeGreaterThan(0);
});
