/**
 * Real worker processes (server/worker-main.ts) for the fault suite. They run as `node --import tsx`, one process
 * each: the `tsx` command line starts the script in a child of its own, and a SIGKILL to `tsx` would leave that
 * child running (an orphaned worker still holding leases) — the opposite of a killed worker. Every process
 * started here is remembered, so `killAll` in afterAll leaves none behind whatever happened.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const started = new Set<WorkerProcess>();

const pick = (env: NodeJS.ProcessEnv, names: string[]): NodeJS.ProcessEnv =>
  Object.fromEntries(names.filter((n) => env[n] !== undefined).map((n) => [n, env[n]]));

export class WorkerProcess {
  readonly pid: number;
  /** Resolves with the exit code (null when a signal ended it) and the signal. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private readonly child: ChildProcess;
  private output = '';
  /** Resolves once the worker logged that it runs (its signal handlers are installed by then). */
  private readonly started: Promise<void>;

  /** `script` (relative to the repository) is the worker by default; tests run their own small scripts the same way. */
  constructor(env: NodeJS.ProcessEnv, script = path.join('server', 'worker-main.ts')) {
    this.child = spawn(process.execPath, ['--import', 'tsx', script], {
      cwd: ROOT,
      // Only what node needs from this process: a CALSYNC_* variable set in the developer's shell must not leak in.
      env: { ...pick(process.env, ['PATH', 'HOME', 'TMPDIR']), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    if (this.child.pid === undefined) throw new Error('worker process did not start');
    this.pid = this.child.pid;
    // Kept for a failing test's message; bounded so a chatty worker cannot grow the test process.
    let markStarted: () => void = () => undefined;
    this.started = new Promise((resolve) => (markStarted = resolve));
    const keep = (chunk: Buffer): void => {
      const text = chunk.toString();
      if (text.includes('"msg":"CalSync worker started"')) markStarted();
      this.output = (this.output + text).slice(-20_000);
    };
    this.child.stdout!.on('data', keep);
    this.child.stderr!.on('data', keep);
    // 'close', not 'exit': it comes after the output pipes have been read to the end.
    this.exited = new Promise((resolve) => this.child.once('close', (code, signal) => resolve({ code, signal })));
    started.add(this);
    void this.exited.then(() => started.delete(this));
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** The last lines the process wrote (pino JSON and anything on stderr). */
  get log(): string {
    return this.output;
  }

  /**
   * Until the worker has started (or exited). A signal before that meets node's default handler, not the
   * worker's graceful stop; a test that checks the graceful stop waits for this first.
   */
  async ready(): Promise<void> {
    await Promise.race([this.started, this.exited]);
  }

  /** Sends the signal and waits for the process to be gone. */
  async kill(signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    if (this.alive) this.child.kill(signal);
    return this.exited;
  }
}

/** SIGKILLs every worker process still running (afterAll, pass or fail). */
export async function killAllWorkers(): Promise<void> {
  await Promise.all([...started].map((w) => w.kill('SIGKILL')));
}
