/**
 * How many jobs a Storage queue still holds, hidden ones included (a job a worker is running, or one whose worker
 * was killed, stays in the queue until completed). Zero means every job queued so far was completed or poisoned.
 */
import { QueueServiceClient } from '@azure/storage-queue';

export interface QueueDepth {
  jobs(): Promise<number>;
  poisoned(): Promise<number>;
}

export function queueDepth(connectionString: string, queueName: string): QueueDepth {
  const service = QueueServiceClient.fromConnectionString(connectionString);
  const count = async (name: string): Promise<number> => (await service.getQueueClient(name).getProperties()).approximateMessagesCount ?? 0;
  return { jobs: () => count(queueName), poisoned: () => count(`${queueName}-poison`) };
}
