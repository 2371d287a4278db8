/** CALSYNC_QUEUE*: each bad or missing variable is named, and no message repeats a connection string (it holds a key). */
import { InProcessMailboxQueue } from '../../server/sync/in-process-queue';
import { openMailboxQueue } from '../../server/compose/queue';
import { loadQueueConfig } from '../../server/config/queue';
import { configProblemsOf } from '../support/config-problems';

const KEY = 'c2VjcmV0LWFjY291bnQta2V5LXRoYXQtbXVzdC1uZXZlci1iZS1sb2dnZWQ=';
const CONNECTION = `DefaultEndpointsProtocol=https;AccountName=calsync;AccountKey=${KEY};EndpointSuffix=core.windows.net`;

const problems = (env: NodeJS.ProcessEnv) => configProblemsOf(() => loadQueueConfig(env));
const variables = (env: NodeJS.ProcessEnv): string[] =>
  problems(env)
    .map((p) => p.variable)
    .sort();

describe('queue configuration', () => {
  test('memory by default; storage with a connection string or an account URL; the default queue name', () => {
    expect(loadQueueConfig({})).toEqual({ kind: 'memory' });
    expect(loadQueueConfig({ CALSYNC_QUEUE: 'storage', CALSYNC_QUEUE_CONNECTION_STRING: CONNECTION })).toEqual({
      kind: 'storage',
      queueName: 'calsync-mailboxes',
      connectionString: CONNECTION,
    });
    expect(
      loadQueueConfig({ CALSYNC_QUEUE: 'storage', CALSYNC_QUEUE_ACCOUNT_URL: 'https://calsync.queue.core.windows.net', CALSYNC_QUEUE_NAME: 'team-a-1' }),
    ).toEqual({
      kind: 'storage',
      queueName: 'team-a-1',
      accountUrl: 'https://calsync.queue.core.windows.net',
    });
    // Blank counts as unset (a blank line in an .env file).
    expect(loadQueueConfig({ CALSYNC_QUEUE: '', CALSYNC_QUEUE_NAME: '' })).toEqual({ kind: 'memory' });
  });

  test('storage needs somewhere to connect, and only one way', () => {
    expect(variables({ CALSYNC_QUEUE: 'storage' })).toEqual(['CALSYNC_QUEUE_CONNECTION_STRING']);
    expect(
      variables({ CALSYNC_QUEUE: 'storage', CALSYNC_QUEUE_CONNECTION_STRING: CONNECTION, CALSYNC_QUEUE_ACCOUNT_URL: 'https://calsync.queue.core.windows.net' }),
    ).toEqual(['CALSYNC_QUEUE_ACCOUNT_URL']);
  });

  test('a storage setting without CALSYNC_QUEUE=storage is refused, not silently ignored', () => {
    expect(variables({ CALSYNC_QUEUE_CONNECTION_STRING: CONNECTION })).toEqual(['CALSYNC_QUEUE_CONNECTION_STRING']);
    expect(variables({ CALSYNC_QUEUE: 'memory', CALSYNC_QUEUE_ACCOUNT_URL: 'https://calsync.queue.core.windows.net' })).toEqual(['CALSYNC_QUEUE_ACCOUNT_URL']);
  });

  test.each([
    ['CALSYNC_QUEUE', 'azure'],
    ['CALSYNC_QUEUE_CONNECTION_STRING', 'AccountName=calsync'],
    ['CALSYNC_QUEUE_CONNECTION_STRING', 'not a connection string'],
    ['CALSYNC_QUEUE_ACCOUNT_URL', 'http://calsync.queue.core.windows.net'],
    ['CALSYNC_QUEUE_ACCOUNT_URL', 'calsync.queue.core.windows.net'],
    ['CALSYNC_QUEUE_NAME', 'CalSync'],
    ['CALSYNC_QUEUE_NAME', 'ab'],
    ['CALSYNC_QUEUE_NAME', 'a'.repeat(57)],
    ['CALSYNC_QUEUE_NAME', 'calsync--mailboxes'],
    ['CALSYNC_QUEUE_NAME', '-calsync'],
    ['CALSYNC_QUEUE_NAME', 'calsync-'],
    ['CALSYNC_QUEUE_NAME', 'calsync_mailboxes'],
  ])('%s=%s is named', (variable, value) => {
    const base = { CALSYNC_QUEUE: 'storage', CALSYNC_QUEUE_CONNECTION_STRING: CONNECTION };
    // A bad connection string or account URL stands in for the connection string it replaces.
    const env = variable === 'CALSYNC_QUEUE_ACCOUNT_URL' ? { CALSYNC_QUEUE: 'storage', [variable]: value } : { ...base, [variable]: value };
    expect(variables(env)).toEqual([variable]);
  });

  test('56 characters is the longest name: "<name>-poison" must fit in 63', () => {
    expect(loadQueueConfig({ CALSYNC_QUEUE: 'storage', CALSYNC_QUEUE_CONNECTION_STRING: CONNECTION, CALSYNC_QUEUE_NAME: 'a'.repeat(56) })).toMatchObject({
      queueName: 'a'.repeat(56),
    });
  });

  test('every problem at once, and none repeats the account key', () => {
    const found = problems({ CALSYNC_QUEUE: 'storage', CALSYNC_QUEUE_CONNECTION_STRING: `AccountKey=${KEY}`, CALSYNC_QUEUE_NAME: 'Bad Name' });
    expect(found.map((p) => p.variable).sort()).toEqual(['CALSYNC_QUEUE_CONNECTION_STRING', 'CALSYNC_QUEUE_NAME']);
    expect(JSON.stringify(found)).not.toContain(KEY);
  });

  test('memory opens the in-process queue', async () => {
    const queue = await openMailboxQueue({ kind: 'memory' });
    expect(queue).toBeInstanceOf(InProcessMailboxQueue);
    await queue.close();
  });
});
