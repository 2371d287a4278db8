/**
 * Runs the demo entry (`node --import tsx demo/main.ts`, what `npm start` runs when nothing is configured)
 * as its own process on an ephemeral port, with a temp data directory, and reads the machine-readable ready line
 * for its URLs. Node runs the entry itself (not the tsx CLI, which would put a wrapper process in between), so
 * signals reach the demo and its descriptors and memory can be read from /proc. Output is kept for failures.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { READY_PREFIX, type DemoUrls } from '../../../demo/banner';

export const ROOT = resolve(__dirname, '../../..');

export interface DemoReady {
  port: number;
  dataDir: string;
  seeded: boolean;
  addinBuilt: string | null;
  urls: DemoUrls;
  graph: { baseUrl: string; caFile: string; tenantId: string; clientId: string; clientSecret: string };
}

export interface DemoProcess {
  child: ChildProcess;
  ready: DemoReady;
  output(): string;
  /** Open file descriptors of the demo process: sockets, files, pipes — every handle that holds one. */
  openFds(): number;
  rssMb(): number;
  /** Sends the signal and resolves with the exit code (null when killed by a signal). */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function launch(env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'demo/main.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** The environment without the variables the demo reads, plus `overrides`. */
export function demoEnv(overrides: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of ['PORT', 'CALSYNC_DEMO_PORT', 'CALSYNC_DATA_DIR', 'CALSYNC_DEMO_ADDIN_DIR', 'LOG_LEVEL', 'NODE_ENV']) delete env[name];
  return { ...env, ...overrides };
}

const exited = (child: ChildProcess): Promise<number | null> =>
  child.exitCode !== null || child.signalCode !== null ? Promise.resolve(child.exitCode) : new Promise((done) => child.once('exit', (code) => done(code)));

export async function startDemoProcess(dataDir: string, timeoutMs = 60_000, extraEnv: NodeJS.ProcessEnv = {}): Promise<DemoProcess> {
  const child = launch(demoEnv({ PORT: '0', CALSYNC_DATA_DIR: dataDir, LOG_LEVEL: 'warn', NODE_ENV: 'test', ...extraEnv }));
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const output = (): string => `--- stdout\n${stdout}\n--- stderr\n${stderr}`;
  const ready = await new Promise<DemoReady>((done, fail) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`the demo did not print its ready line within ${timeoutMs} ms\n${output()}`));
    }, timeoutMs);
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = stdout.split('\n').find((l) => l.startsWith(READY_PREFIX) && stdout.includes(`${l}\n`));
      if (line) {
        clearTimeout(timer);
        done(JSON.parse(line.slice(READY_PREFIX.length)) as DemoReady);
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      fail(new Error(`the demo exited (${code ?? signal}) before it was ready\n${output()}`));
    });
  });
  return {
    child,
    ready,
    output,
    openFds: () => readdirSync(`/proc/${child.pid}/fd`).length,
    rssMb: () => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024,
    stop(signal = 'SIGINT') {
      child.kill(signal);
      return exited(child);
    },
  };
}

/** Runs the entry to its end (for refusals) and returns what it printed. */
export function runDemoToExit(env: NodeJS.ProcessEnv, timeoutMs = 30_000): Promise<Exit> {
  const child = launch(demoEnv(env));
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((done, fail) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`the demo did not exit within ${timeoutMs} ms\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      done({ code, signal, stdout, stderr });
    });
  });
}
