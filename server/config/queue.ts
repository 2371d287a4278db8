/**
 * The queue section: which mailbox queue to use, from the environment: CALSYNC_QUEUE (memory | storage), CALSYNC_QUEUE_CONNECTION_STRING
 * or CALSYNC_QUEUE_ACCOUNT_URL (then DefaultAzureCredential), CALSYNC_QUEUE_NAME. Fails fast naming every bad
 * variable. Messages never repeat a value: a connection string carries the account key.
 */
import { QueueServiceClient } from '@azure/storage-queue';
import { z } from 'zod';
import { ConfigError, frozen, httpsUrl, optionalText, parseEnvFields, type ConfigProblem } from './fields';

export const DEFAULT_QUEUE_NAME = 'calsync-mailboxes';

export type StorageQueueConfig = { kind: 'storage'; queueName: string } & ({ connectionString: string } | { accountUrl: string });

/** `memory` lives inside one process: only workers in that same process can share it. */
export type QueueConfig = { kind: 'memory' } | StorageQueueConfig;

/**
 * Azure's queue-name rule (3–63 lowercase letters, digits and single dashes, a letter or digit at each end), with
 * 56 as the upper bound because the poison queue `<name>-poison` must obey the same rule.
 */
const QUEUE_NAME = /^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){1,54}[a-z0-9]$/;

/** The SDK's own parser decides; it reads the string without connecting anywhere. */
function isConnectionString(s: string): boolean {
  try {
    QueueServiceClient.fromConnectionString(s);
    return true;
  } catch {
    return false;
  }
}

const QueueEnvShape = {
  CALSYNC_QUEUE: z.enum(['memory', 'storage'], { message: 'expected memory or storage' }).default('memory'),
  CALSYNC_QUEUE_CONNECTION_STRING: optionalText.refine(
    (s) => s === undefined || isConnectionString(s),
    'not an Azure Storage connection string (AccountName=…;AccountKey=…, a SAS one with QueueEndpoint=…, or UseDevelopmentStorage=true)',
  ),
  // https only: the SDK refuses to send a bearer token over plain http.
  CALSYNC_QUEUE_ACCOUNT_URL: httpsUrl('expected the account’s https queue endpoint, like https://<account>.queue.core.windows.net').optional(),
  CALSYNC_QUEUE_NAME: z
    .string()
    .trim()
    .regex(
      QUEUE_NAME,
      'expected 3–56 lowercase letters, digits and single dashes, starting and ending with a letter or digit (the poison queue adds "-poison" within Azure’s 63)',
    )
    .default(DEFAULT_QUEUE_NAME),
};

export function loadQueueConfig(env: NodeJS.ProcessEnv = process.env): QueueConfig {
  const { data: e, problems } = parseEnvFields(QueueEnvShape, env);
  const bad = new Set(problems.map((p) => p.variable));
  const extra: ConfigProblem[] = [];
  if (e.CALSYNC_QUEUE === 'storage') {
    if (e.CALSYNC_QUEUE_CONNECTION_STRING && e.CALSYNC_QUEUE_ACCOUNT_URL) {
      extra.push({ variable: 'CALSYNC_QUEUE_ACCOUNT_URL', message: 'set only one of CALSYNC_QUEUE_CONNECTION_STRING and CALSYNC_QUEUE_ACCOUNT_URL' });
    } else if (
      !e.CALSYNC_QUEUE_CONNECTION_STRING &&
      !e.CALSYNC_QUEUE_ACCOUNT_URL &&
      !bad.has('CALSYNC_QUEUE_CONNECTION_STRING') &&
      !bad.has('CALSYNC_QUEUE_ACCOUNT_URL')
    ) {
      extra.push({
        variable: 'CALSYNC_QUEUE_CONNECTION_STRING',
        message: 'required when CALSYNC_QUEUE=storage (or set CALSYNC_QUEUE_ACCOUNT_URL to use DefaultAzureCredential)',
      });
    }
  } else if (e.CALSYNC_QUEUE === 'memory') {
    // A storage setting with the default queue is almost surely a forgotten CALSYNC_QUEUE=storage: without this
    // the process would run on a private in-memory queue and never see the jobs other processes queue.
    for (const variable of ['CALSYNC_QUEUE_CONNECTION_STRING', 'CALSYNC_QUEUE_ACCOUNT_URL'] as const) {
      if (e[variable]) extra.push({ variable, message: 'only used with CALSYNC_QUEUE=storage; the memory queue is not shared' });
    }
  }
  const all = [...problems, ...extra];
  if (all.length > 0) throw new ConfigError(all);
  if (e.CALSYNC_QUEUE !== 'storage') return { kind: 'memory' };
  const queueName = e.CALSYNC_QUEUE_NAME as string;
  return frozen(
    e.CALSYNC_QUEUE_CONNECTION_STRING
      ? { kind: 'storage', queueName, connectionString: e.CALSYNC_QUEUE_CONNECTION_STRING }
      : { kind: 'storage', queueName, accountUrl: e.CALSYNC_QUEUE_ACCOUNT_URL as string },
  );
}
