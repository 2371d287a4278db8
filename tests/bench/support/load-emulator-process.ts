/**
 * The load emulator (load-emulator.ts) in a process of its own, for `npm run bench:load`. In the bench's own
 * process the emulator's work (it scans a container in JavaScript for every query) shared one event loop with
 * autocannon, so a busy emulator delayed the load generator's reads and connects and showed up as the API's
 * timeouts; the API's own clock never held a request past 2.7 s in those runs. Here each side has its own loop
 * and its own CPU figure.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { startLoadEmulator, type EmulatorCounts, type LoadEmulator } from './load-emulator';

type Question = { ask: 'counts' } | { ask: 'cpu' } | { ask: 'documents'; database: string; container: string };
type Ask = Question & { id: number };
type Reply = { ready: Pick<LoadEmulator, 'endpoint' | 'key' | 'caPem'> } | { id: number; value: unknown };

export interface LoadEmulatorProcess extends Pick<LoadEmulator, 'endpoint' | 'key' | 'caPem'> {
  counts(): Promise<EmulatorCounts>;
  /** CPU milliseconds the emulator's process has used since it started. */
  cpuMs(): Promise<number>;
  documents(database: string, container: string): Promise<number>;
  close(): Promise<void>;
}

export async function forkLoadEmulator(options: { keepAlive: boolean }): Promise<LoadEmulatorProcess> {
  const child: ChildProcess = fork(__filename, ['emulator', options.keepAlive ? 'keep-alive' : 'close'], {
    execArgv: process.execArgv,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map<number, (value: unknown) => void>();
  let ready: ((r: Pick<LoadEmulator, 'endpoint' | 'key' | 'caPem'>) => void) | undefined;
  const started = new Promise<Pick<LoadEmulator, 'endpoint' | 'key' | 'caPem'>>((resolve, reject) => {
    ready = resolve;
    child.once('exit', (code) => reject(new Error(`the emulator process exited (${code}) before it was ready`)));
  });
  child.on('message', (m: Reply) => {
    if ('ready' in m) return ready?.(m.ready);
    pending.get(m.id)?.(m.value);
    pending.delete(m.id);
  });
  let nextId = 0;
  const ask = <T>(question: Question): Promise<T> =>
    new Promise<T>((resolve) => {
      const id = ++nextId;
      pending.set(id, resolve as (value: unknown) => void);
      child.send({ ...question, id });
    });
  const where = await started;
  return {
    ...where,
    counts: () => ask<EmulatorCounts>({ ask: 'counts' }),
    cpuMs: () => ask<number>({ ask: 'cpu' }),
    documents: (database, container) => ask<number>({ ask: 'documents', database, container }),
    async close() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.disconnect();
      await exited;
    },
  };
}

/** The child: the emulator, answering the parent's questions until the parent lets go. */
async function serveEmulator(keepAlive: boolean): Promise<void> {
  const emulator = await startLoadEmulator({ keepAlive });
  process.send!({ ready: { endpoint: emulator.endpoint, key: emulator.key, caPem: emulator.caPem } } satisfies Reply);
  process.on('message', (m: Ask) => {
    const answer = (value: unknown) => process.send!({ id: m.id, value } satisfies Reply);
    if (m.ask === 'counts') answer(emulator.counts());
    if (m.ask === 'cpu') answer((process.cpuUsage().user + process.cpuUsage().system) / 1000);
    if (m.ask === 'documents') void emulator.documents(m.database, m.container).then(answer);
  });
  process.on('disconnect', () => void emulator.close().then(() => process.exit(0)));
}

if (process.argv[2] === 'emulator') void serveEmulator(process.argv[3] === 'keep-alive');
