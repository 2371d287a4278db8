/** The mailbox queue: the in-process one needs nothing; a Storage queue must open (it is created when missing). */
import { openMailboxQueue } from '../../compose/queue';
import { ConfigError } from '../../config';
import { loadQueueConfig } from '../../config/queue';
import { fail, pass, shortError, type CheckResult } from './check';
import { configProblems } from './local-checks';

export async function checkQueue(env: NodeJS.ProcessEnv): Promise<CheckResult> {
  const name = 'queue';
  let config;
  try {
    config = loadQueueConfig(env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    return fail(name, configProblems(err), 'set the queue variables (CALSYNC_QUEUE, CALSYNC_QUEUE_CONNECTION_STRING or CALSYNC_QUEUE_ACCOUNT_URL)');
  }
  if (config.kind === 'memory') return pass(name, 'in-process queue (workers run inside the API process; set CALSYNC_QUEUE=storage to scale out)');
  try {
    const queue = await openMailboxQueue(config);
    await queue.close();
    return pass(name, `Storage queue ${config.queueName} and ${config.queueName}-poison reachable`);
  } catch (err) {
    const fix =
      'connectionString' in config
        ? 'check CALSYNC_QUEUE_CONNECTION_STRING (account name and key) and outbound https to the storage account'
        : 'give this identity the "Storage Queue Data Contributor" role on the storage account, and check CALSYNC_QUEUE_ACCOUNT_URL';
    return fail(name, shortError(err), fix);
  }
}
