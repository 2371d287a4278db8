/**
 * bench:day's DayWorld in a child process: its CPU (the sandbox serving CalSync's requests) stays out of the
 * CalSync process's figures. The child serves the world's methods over IPC; the parent gets the same methods,
 * each returning a promise.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { DayWorld, type DayWorldOptions } from './day-world';

const WORLD_METHODS = [
  'ready',
  'setClock',
  'changeCount',
  'apply',
  'settled',
  'settledCount',
  'step',
  'takeTrace',
  'touchedEvents',
  'figures',
  'resetFigures',
] as const;
type WorldMethod = (typeof WORLD_METHODS)[number];

/** The world's methods as the parent calls them. */
export type RemoteWorld = { [K in WorldMethod]: (...args: Parameters<DayWorld[K]>) => Promise<Awaited<ReturnType<DayWorld[K]>>> } & { stop(): Promise<void> };

interface Call {
  id: number;
  method: WorldMethod | 'start' | 'stop';
  args: unknown[];
}

/** The child's side: `start` opens the world, then each call runs the named method and answers `{ id, result }`. */
export function serveDayWorld(): void {
  let world: DayWorld | undefined;
  process.on('message', (call: Call) => {
    void (async () => {
      try {
        let result: unknown = null;
        if (call.method === 'start') world = await DayWorld.start(call.args[0] as DayWorldOptions);
        else if (call.method === 'stop') {
          await world?.stop();
          process.send!({ id: call.id, result: null }, () => process.exit(0));
          return;
        } else result = await (world![call.method] as (...a: unknown[]) => unknown).apply(world, call.args);
        process.send!({ id: call.id, result });
      } catch (err) {
        process.send!({ id: call.id, error: err instanceof Error ? err.stack : String(err) });
      }
    })();
  });
}

/** Forks `entry` (a file that calls serveDayWorld() when given `argv`) and starts the world there. */
export async function forkDayWorld(entry: string, argv: string[], options: DayWorldOptions): Promise<RemoteWorld> {
  const child: ChildProcess = fork(entry, argv, { execArgv: process.execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  let next = 0;
  child.on('message', (m: { id: number; result?: unknown; error?: string }) => {
    const waiter = pending.get(m.id);
    pending.delete(m.id);
    if (m.error !== undefined) waiter?.reject(new Error(`day world: ${m.error}`));
    else waiter?.resolve(m.result);
  });
  // A child that dies mid-run would leave its answers pending for ever: fail them instead.
  child.once('exit', (code) => {
    for (const waiter of pending.values()) waiter.reject(new Error(`day world exited (${code}) with an answer pending`));
    pending.clear();
  });
  const call = (method: Call['method'], ...args: unknown[]): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const id = ++next;
      pending.set(id, { resolve, reject });
      child.send({ id, method, args } satisfies Call);
    });
  await call('start', options);
  const remote = Object.fromEntries(WORLD_METHODS.map((m) => [m, (...args: unknown[]) => call(m, ...args)])) as unknown as RemoteWorld;
  remote.stop = async () => {
    await call('stop');
  };
  return remote;
}

/** The same methods over a world in this process (the machinery test). */
export function localWorld(world: DayWorld): RemoteWorld {
  const local = Object.fromEntries(
    WORLD_METHODS.map((m) => [m, async (...args: unknown[]) => (world[m] as (...a: unknown[]) => unknown).apply(world, args)]),
  ) as unknown as RemoteWorld;
  local.stop = () => world.stop();
  return local;
}
