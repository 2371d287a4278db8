/** The real worker process refuses a bad configuration before opening anything: `config: VAR: message` lines, exit 2. */
import fs from 'node:fs';
import path from 'node:path';
import { tempSqliteDir, type TempDir } from '../support/sqlite';
import { killAllWorkers, WorkerProcess } from './support/worker-process';

const graph = {
  CALSYNC_TENANT_ID: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
  CALSYNC_CLIENT_ID: '11111111-2222-3333-4444-555555555555',
  CALSYNC_CLIENT_SECRET: 's',
};

describe('worker process configuration errors', () => {
  let temp: TempDir;
  beforeAll(() => {
    temp = tempSqliteDir('calsync-worker-main-');
  });
  afterAll(async () => {
    await killAllWorkers();
    temp.remove();
  });

  test('each bad or missing variable is printed, exit 2, the store is never opened', async () => {
    const dbPath = path.join(temp.dir, 'never.db');
    const worker = new WorkerProcess({ CALSYNC_SQLITE_PATH: dbPath, CALSYNC_QUEUE: 'storage', CALSYNC_QUEUE_NAME: 'Bad', CALSYNC_WORKER_CONCURRENCY: '0' });
    expect(await worker.exited).toEqual({ code: 2, signal: null });
    const lines = worker.log.trim().split('\n');
    expect(lines.map((l) => /^config: ([A-Z_]+): /.exec(l)?.[1]).sort()).toEqual([
      'CALSYNC_CLIENT_ID',
      'CALSYNC_CLIENT_SECRET',
      'CALSYNC_QUEUE_CONNECTION_STRING',
      'CALSYNC_QUEUE_NAME',
      'CALSYNC_TENANT_ID',
      'CALSYNC_WORKER_CONCURRENCY',
    ]);
    expect(fs.existsSync(dbPath)).toBe(false);
  });

  test('the memory queue is refused with the reason', async () => {
    const worker = new WorkerProcess({ ...graph, CALSYNC_SQLITE_PATH: path.join(temp.dir, 'never.db') });
    expect(await worker.exited).toEqual({ code: 2, signal: null });
    expect(worker.log.trim()).toBe(
      'config: CALSYNC_QUEUE: a worker process needs CALSYNC_QUEUE=storage: the memory queue lives inside one process and cannot be shared with it',
    );
  });
});
