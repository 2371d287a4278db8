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
  close(): Promise<void>;
}

/** Azurite's well-known development account (public, documented by Microsoft). */
const DEV_ACCOUNT = 'devstoreaccount1';
const DEV_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export async function startAzurite(): Promise<TestAzurite> {
  const location = mkdtempSync(path.join(tmpdir(), 'calsync-azurite-'));
  const bin = path.resolve(__dirname, '../../../node_modules/.bin/azurite-queue');
  const child: ChildProcess = spawn(bin, ['--disableTelemetry', '--silent', '--location', location, '--queueHost', '127.0.0.1', '--queuePort', '0', '--skipApiVersionCheck'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`azurite did not start: ${out}`)), 20_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /listens on http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
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
  return {
    connectionString: `DefaultEndpointsProtocol=http;AccountName=${DEV_ACCOUNT};AccountKey=${DEV_KEY};QueueEndpoint=http://127.0.0.1:${port}/${DEV_ACCOUNT};`,
    close: async () => {
      child.kill();
      await exited;
      rmSync(location, { recursive: true, force: true });
    },
  };
}
