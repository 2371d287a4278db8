/**
 * A mailbox job's store calls (lease, sync state) are summed into one charge, reported with the job's outcome and
 * logged on its 'mailbox job finished' line. The sync state lives in the Cosmos emulator behind the proxy, which
 * adds the `x-ms-request-charge` Azure sends on every answer.
 */
import { openCosmosStores, provisionCosmos } from '../../server/store/cosmos';
import type { Stores } from '../../server/store/types';
import { InProcessMailboxQueue } from '../../server/sync/in-process-queue';
import { startCosmosEmulator, type TestCosmos } from '../support/cosmos';
import { startCosmosProxy, type CosmosProxy } from '../support/cosmos-proxy';
import { startSyncStack, type SyncStack } from './support/sync-stack';
import { ADA } from './support/team';

let emulator: TestCosmos;
let proxy: CosmosProxy;
let cosmos: Stores;
let s: SyncStack;
const queue = new InProcessMailboxQueue();

beforeAll(async () => {
  emulator = await startCosmosEmulator();
  proxy = await startCosmosProxy(emulator);
  const database = `job_charge_${process.pid}`;
  await provisionCosmos({ endpoint: emulator.endpoint, key: emulator.key, database, agent: emulator.agent });
  cosmos = await openCosmosStores({ endpoint: proxy.endpoint, key: emulator.key, database, agent: emulator.agent, retries: 'worker' });
  proxy.addHeaders({ 'x-ms-request-charge': '1.25' });
  s = await startSyncStack({ queue });
});

afterAll(async () => {
  await s.close();
  await cosmos.close();
  await proxy.close();
  await emulator.close();
});

test('a round\u2019s outcome carries the request units of every store request it made', async () => {
  const worker = s.worker({ syncState: cosmos.syncState });
  await queue.enqueue({ tenantId: s.tenantId, mailboxId: ADA, reason: 'schedule' });
  proxy.requests.length = 0;
  expect(await worker.runOnce()).toBe(1);
  const sent = proxy.requests.length;
  expect(sent).toBeGreaterThan(0);
  expect(s.outcomes.at(-1)).toMatchObject({ kind: 'done', storeCharge: { requests: sent, requestCharge: 1.25 * sent } });
});
