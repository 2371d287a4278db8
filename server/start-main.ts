/**
 * `npm start` / `calsync start`: the local demo when nothing is configured, the service (`npm run serve` with
 * the sync on and the add-in served) once the environment or `.env` configures a tenant. See config/start.ts.
 * Either entry owns the process from then on (signals, exit codes).
 */
import { runServe } from './main';
import { packageRoot } from './package-root';
import { describeConfigError } from './config';
import { ConfigError } from './config/fields';
import { loadDotEnv, serviceDefaults, startMode } from './config/start';

/** The demo beside this file in the sources; in the build, its own bundle outside dist/server (scripts/build-runtime.ts). */
const DEMO_ENTRY = __filename.endsWith('.ts') ? '../demo/main' : '../demo/main.js';

export function runStart(env: NodeJS.ProcessEnv = process.env): void {
  let mode;
  try {
    const file = loadDotEnv(env);
    mode = startMode(env);
    if (file) process.stderr.write(`calsync: read ${file}\n`);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`${describeConfigError(err)}\n`);
    process.exit(2);
  }
  if (mode === 'demo') {
    // Loaded only here: the demo and its sandbox need development packages (selfsigned) that a
    // production install (`npm ci --omit=dev`) does not have; the service must start without them.
    // require, not import(): `calsync start` runs through tsx's CommonJS hook only, which import() bypasses.
    let demo: typeof import('../demo/main');
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- the one lazy load, see above
      demo = require(DEMO_ENTRY) as typeof import('../demo/main');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND') throw err;
      // A production install (the container) carries the service only.
      process.stderr.write('calsync: this install has no demo; configure a tenant (see README, Configuration) or run `npm start` in a development checkout\n');
      process.exit(2);
    }
    demo.runDemo();
    return;
  }
  serviceDefaults(env, packageRoot());
  runServe();
}

if (require.main === module) runStart();
