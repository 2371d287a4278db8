/** The worker process's configuration: store, Graph, queue and its own knobs, every problem named at once. */
import { loadWorkerConfig } from '../../server/config/worker';
import { problemVariables } from '../support/config-problems';

const graph = {
  CALSYNC_TENANT_ID: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
  CALSYNC_CLIENT_ID: '11111111-2222-3333-4444-555555555555',
  CALSYNC_CLIENT_SECRET: 's',
};
const queue = { CALSYNC_QUEUE: 'storage', CALSYNC_QUEUE_CONNECTION_STRING: 'UseDevelopmentStorage=true' };

const variables = (env: NodeJS.ProcessEnv): string[] => problemVariables(() => loadWorkerConfig(env)).sort();

describe('worker process configuration', () => {
  test('defaults: 4 workers, 5-minute leases, 10-minute visibility, info logs, SQLite', () => {
    expect(loadWorkerConfig({ ...graph, ...queue })).toMatchObject({
      workers: 4,
      leaseTtlMs: 300_000,
      visibilityTimeoutMs: 600_000,
      logLevel: 'info',
      store: { kind: 'sqlite', path: './data/calsync.db' },
      queue: { kind: 'storage', queueName: 'calsync-mailboxes' },
      sync: { tenantId: graph.CALSYNC_TENANT_ID, graphBaseUrl: 'https://graph.microsoft.com' },
    });
  });

  test('the knobs', () => {
    expect(
      loadWorkerConfig({
        ...graph,
        ...queue,
        CALSYNC_WORKER_CONCURRENCY: '8',
        CALSYNC_LEASE_TTL_MS: '2000',
        CALSYNC_VISIBILITY_TIMEOUT_MS: '2000',
        LOG_LEVEL: 'warn',
      }),
    ).toMatchObject({ workers: 8, leaseTtlMs: 2_000, visibilityTimeoutMs: 2_000, logLevel: 'warn' });
  });

  test('nothing set: the Graph credential is missing and the memory queue is refused', () => {
    expect(variables({})).toEqual(['CALSYNC_CLIENT_ID', 'CALSYNC_CLIENT_SECRET', 'CALSYNC_QUEUE', 'CALSYNC_TENANT_ID']);
  });

  test('an explicit memory queue is refused: another process cannot share it', () => {
    expect(variables({ ...graph, CALSYNC_QUEUE: 'memory' })).toEqual(['CALSYNC_QUEUE']);
  });

  test.each([
    ['CALSYNC_WORKER_CONCURRENCY', '0'],
    ['CALSYNC_WORKER_CONCURRENCY', '33'],
    ['CALSYNC_WORKER_CONCURRENCY', 'four'],
    ['CALSYNC_WORKER_CONCURRENCY', '2.5'],
    ['CALSYNC_LEASE_TTL_MS', '999'],
    ['CALSYNC_LEASE_TTL_MS', '5m'],
    ['CALSYNC_VISIBILITY_TIMEOUT_MS', '500'],
    ['CALSYNC_VISIBILITY_TIMEOUT_MS', '604800001'],
    ['LOG_LEVEL', 'loud'],
    ['CALSYNC_STORE', 'postgres'],
    ['CALSYNC_GRAPH_BASE_URL', 'http://graph.example.com'],
    ['CALSYNC_QUEUE_NAME', 'Mailboxes'],
  ])('%s=%s is named', (variable, value) => {
    expect(variables({ ...graph, ...queue, [variable]: value })).toEqual([variable]);
  });

  test('problems from every section are reported together', () => {
    expect(
      variables({
        CALSYNC_TENANT_ID: graph.CALSYNC_TENANT_ID,
        CALSYNC_CLIENT_SECRET: 's',
        CALSYNC_STORE: 'cosmos',
        CALSYNC_QUEUE: 'storage',
        CALSYNC_WORKER_CONCURRENCY: '0',
      }),
    ).toEqual(['CALSYNC_CLIENT_ID', 'CALSYNC_QUEUE_CONNECTION_STRING', 'CALSYNC_WORKER_CONCURRENCY', 'COSMOS_ENDPOINT']);
  });
});
