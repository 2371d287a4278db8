/**
 * Run by tests/faults/queue-identity.test.ts in a process of its own (NODE_EXTRA_CA_CERTS must be set before
 * Node starts): opens the queue exactly as a worker does, from CALSYNC_QUEUE* alone, and sends one job through it.
 * Prints the job it received back as JSON; any failure exits 1.
 */
import { openMailboxQueue } from '../../../server/compose/queue';
import { loadQueueConfig } from '../../../server/config/queue';

async function main(): Promise<void> {
  const queue = await openMailboxQueue(loadQueueConfig(process.env));
  await queue.enqueue({ tenantId: 'tenant', mailboxId: 'ada@contoso.com', reason: 'schedule' });
  const [message] = await queue.receive(1, 30_000);
  const completed = message ? await queue.complete(message) : false;
  process.stdout.write(`${JSON.stringify({ job: message?.job ?? null, completed })}\n`);
}

main().catch((err: unknown) => {
  const e = err as { name?: string; statusCode?: number; code?: string };
  process.stderr.write(`${e.name} ${e.statusCode ?? ''} ${e.code ?? ''}\n`);
  process.exit(1);
});
