/**
 * How tools find a running demo: `demo.json` in its data directory, written once the demo listens and removed
 * when it stops. It says where the API, the store and the Graph sandbox are and which credential reaches the
 * sandbox — the sandbox app's fixed secret, a public constant that opens nothing but the sandbox — so
 * `calsync sync`, `rules`, `doctor` work against the demo with no variables set. Mode 0600 all the same:
 * the file sits beside the store. Node built-ins only, and outside demo/: the CLI reads it on production
 * installs too, where the demo's code is not built in (scripts/build-runtime.ts).
 */
import { chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Whether a process with this id is alive (the demo's data-dir lock asks the same of its holder). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export const DEMO_CONNECTION_FILE = 'demo.json';

export interface DemoConnection {
  /** The demo process; a file whose pid is gone describes a demo that died. */
  pid: number;
  startedAt: string;
  tenantId: string;
  api: {
    url: string;
    audience: string;
    jwksUrl: string;
    issuerTemplate: string;
    /** GET it (loopback only) for a demo sign-in token: `?user=megan@contoso.com` is the demo admin. */
    tokenUrl: string;
  };
  store: { kind: 'sqlite'; path: string };
  graph: { baseUrl: string; authorityHost: string; caFile: string; clientId: string; clientSecret: string };
}

export function writeDemoConnection(dataDir: string, connection: DemoConnection): { remove(): void } {
  const file = join(dataDir, DEMO_CONNECTION_FILE);
  writeFileSync(file, `${JSON.stringify(connection, null, 2)}\n`, { mode: 0o600 });
  // The mode above applies only when the file is created; one left by a killed demo keeps its own.
  chmodSync(file, 0o600);
  return {
    remove: () => {
      // Only our own: a second demo refused by the lock never wrote one, but be exact anyway.
      if (readDemoConnection(dataDir)?.pid === connection.pid) rmSync(file, { force: true });
    },
  };
}

/** The file as written, or undefined when there is none or it does not parse. */
export function readDemoConnection(dataDir: string): DemoConnection | undefined {
  try {
    const parsed = JSON.parse(readFileSync(join(dataDir, DEMO_CONNECTION_FILE), 'utf8')) as DemoConnection;
    return typeof parsed?.pid === 'number' && typeof parsed.tenantId === 'string' && parsed.graph && parsed.store ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** The connection of a demo that is running now: the file exists and its process is alive. */
export function runningDemoConnection(dataDir: string): DemoConnection | undefined {
  const connection = readDemoConnection(dataDir);
  return connection && processAlive(connection.pid) ? connection : undefined;
}
