/**
 * How many jobs a Storage queue still holds, hidden ones included (a job a worker is running, or one whose worker
 * was killed, stays in the queue until completed), over the base queue and every tenant's queue. Zero means every
 * job queued so far was completed or poisoned.
 */
import { QueueServiceClient } from '@azure/storage-queue';
import { StorageMailboxQueue } from '../../../server/sync/storage-queue';

export interface QueueDepth {
  jobs(): Promise<number>;
  poisoned(): Promise<number>;
}

export function queueDepth(connectionString: string, queueName: string): QueueDepth {
  const service = QueueServiceClient.fromConnectionString(connectionString);
  const count = async (name: string): Promise<number> => (await service.getQueueClient(name).getProperties()).approximateMessagesCount ?? 0;
  return {
    jobs: async () => {
      const names = await (await StorageMailboxQueue.open({ connectionString, queueName })).queueNames();
      let total = 0;
      for (const name of names) total += await count(name);
      return total;
    },
    poisoned: () => count(`${queueName}-poison`),
  };
}
