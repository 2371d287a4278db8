/**
 * Azurite's queue service as a child process on an ephemeral port, with a fresh workspace and telemetry off
 * (so it never reaches the internet). The port is read from its startup line. The API version check is off:
 * the installed @azure/storage-queue speaks a newer service version than the installed Azurite knows.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface TestAzurite {
  connectionString: string;
  /** The account's queue endpoint (https with `oauth`), for clients that sign in with a token. */
  accountUrl: string;
  close(): Promise<void>;
}

export interface AzuriteOptions {
  /** Serve https with this certificate and accept bearer tokens (Azurite checks their claims, not signatures). */
  oauth?: { certFile: string; keyFile: string };
}

/** Azurite's well-known development account (public, documented by Microsoft). */
const DEV_ACCOUNT = 'devstoreaccount1';
const DEV_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export async function startAzurite(options: AzuriteOptions = {}): Promise<TestAzurite> {
  const location = mkdtempSync(path.join(tmpdir(), 'calsync-azurite-'));
  const bin = path.resolve(__dirname, '../../../node_modules/.bin/azurite-queue');
  const oauth = options.oauth ? ['--oauth', 'basic', '--cert', options.oauth.certFile, '--key', options.oauth.keyFile] : [];
  const child: ChildProcess = spawn(
    bin,
    ['--disableTelemetry', '--silent', '--location', location, '--queueHost', '127.0.0.1', '--queuePort', '0', '--skipApiVersionCheck', ...oauth],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`azurite did not start: ${out}`)), 20_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /listens on https?:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`azurite exited (${code}): ${out}`));
    });
  }).catch(async (e: unknown) => {
    child.kill();
    await exited;
    rmSync(location, { recursive: true, force: true });
    throw e;
  });
  const scheme = options.oauth ? 'https' : 'http';
  return {
    connectionString: `DefaultEndpointsProtocol=${scheme};AccountName=${DEV_ACCOUNT};AccountKey=${DEV_KEY};QueueEndpoint=${scheme}://127.0.0.1:${port}/${DEV_ACCOUNT};`,
    accountUrl: `${scheme}://127.0.0.1:${port}/${DEV_ACCOUNT}`,
    close: async () => {
      child.kill();
      await exited;
      rmSync(location, { recursive: true, force: true });
    },
  };
}
