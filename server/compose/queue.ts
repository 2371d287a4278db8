/** The mailbox queue the configuration names: in-process, or an Azure Storage queue shared by processes. */
import { DefaultAzureCredential } from '@azure/identity';
import type { QueueConfig } from '../config/queue';
import { InProcessMailboxQueue } from '../sync/in-process-queue';
import type { MailboxQueue } from '../sync/mailbox-queue';
import { StorageMailboxQueue } from '../sync/storage-queue';

/**
 * Opens the configured queue (a Storage queue and its poison queue are created when missing). With an account URL
 * the identity (managed identity, workload identity, az login, …) needs "Storage Queue Data Contributor".
 */
export async function openMailboxQueue(config: QueueConfig): Promise<MailboxQueue> {
  if (config.kind === 'memory') return new InProcessMailboxQueue();
  if ('connectionString' in config) return StorageMailboxQueue.open({ queueName: config.queueName, connectionString: config.connectionString });
  return StorageMailboxQueue.open({ queueName: config.queueName, accountUrl: config.accountUrl, credential: new DefaultAzureCredential() });
}
