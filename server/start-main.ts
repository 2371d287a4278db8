/**
 * `npm start` / `calsync start`: the local demo when nothing is configured, the service (`npm run serve` with
 * the sync on and the add-in served) once the environment or `.env` configures a tenant. See start-mode.ts.
 * Either entry owns the process from then on (signals, exit codes).
 */
import { resolve } from 'node:path';
import { runServe } from './main';
import { loadDotEnv, serviceDefaults, startMode, StartModeError } from './start-mode';

export function runStart(env: NodeJS.ProcessEnv = process.env): void {
  let mode;
  try {
    const file = loadDotEnv(env);
    mode = startMode(env);
    if (file) process.stderr.write(`calsync: read ${file}\n`);
  } catch (err) {
    if (!(err instanceof StartModeError)) throw err;
    process.stderr.write(`config: ${err.message}\n`);
    process.exit(2);
  }
  if (mode === 'demo') {
    // Loaded only here: the demo and its sandbox need development packages (selfsigned) that a
    // production install (`npm ci --omit=dev`) does not have; the service must start without them.
    // require, not import(): `calsync start` runs through tsx's CommonJS hook only, which import() bypasses.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the one lazy load, see above
    const { runDemo } = require('./demo/main') as typeof import('./demo/main');
    runDemo();
    return;
  }
  serviceDefaults(env, resolve(__dirname, '..'));
  runServe();
}

if (require.main === module) runStart();
