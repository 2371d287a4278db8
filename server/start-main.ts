/**
 * `npm start` / `calsync start`: the local demo when nothing is configured, the service (`npm run serve` with
 * the sync on and the add-in served) once the environment or `.env` configures a tenant. See start-mode.ts.
 */
import { resolve } from 'node:path';
import { loadDotEnv, serviceDefaults, startMode, StartModeError } from './start-mode';

async function main(): Promise<void> {
  let mode;
  try {
    const file = loadDotEnv(process.env);
    mode = startMode(process.env);
    if (file) process.stderr.write(`calsync: read ${file}\n`);
  } catch (err) {
    if (!(err instanceof StartModeError)) throw err;
    process.stderr.write(`config: ${err.message}\n`);
    process.exit(2);
  }
  if (mode === 'demo') {
    await import('./demo/main.js');
    return;
  }
  serviceDefaults(process.env, resolve(__dirname, '..'));
  await import('./main.js');
}

void main();
