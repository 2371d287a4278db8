/**
 * `npm start`: the local demo (start-demo.ts) from environment settings, the banner and the ready line, and
 * Ctrl-C. Exit codes: 0 after a clean stop, 2 for NODE_ENV=production or a bad setting, 1 for anything else
 * (a port in use, another demo on the same data directory, a failed build).
 */
import type { Logger } from 'pino';
import { consoleLogger } from '../server/console-log';
import { AddinBuildError } from './addin-build';
import { demoBanner, readyLine } from './banner';
import { DataDirBusyError } from './data-dir-lock';
import { assertDemoAllowed, DemoRefusedError, demoOptionsFromEnv, type DemoEnvOptions } from '../server/config/demo';
import { ConfigError } from '../server/config/fields';
import { startDemo, type RunningDemo } from './start-demo';

/** How long a stop may take before the process gives up waiting. */
const STOP_TIMEOUT_MS = 10_000;

function fail(code: number, message: string): never {
  process.stderr.write(`calsync demo: ${message}\n`);
  process.exit(code);
}

async function main(): Promise<void> {
  let options: DemoEnvOptions;
  let logger: Logger;
  try {
    assertDemoAllowed(process.env);
    options = demoOptionsFromEnv(process.env);
    // People read a terminal; programs (and the tests) read JSON lines.
    logger = consoleLogger({ level: options.logLevel, format: options.logFormat });
  } catch (err) {
    if (err instanceof ConfigError) fail(2, err.problems.map((p) => `${p.variable}: ${p.message}`).join('\ncalsync demo: '));
    if (err instanceof DemoRefusedError) fail(2, err.message);
    throw err;
  }

  let demo: RunningDemo | undefined;
  let signalled: string | undefined;
  const stop = async (signal: string): Promise<void> => {
    if (signalled) fail(1, `${signal} again: exiting without waiting for the stop to finish`);
    signalled = signal;
    // A signal during start is acted on once the start is done (a half-started demo has nothing to stop yet).
    if (!demo) return;
    logger.info({ signal }, 'stopping the demo');
    setTimeout(() => fail(1, `the demo did not stop within ${STOP_TIMEOUT_MS / 1000} s`), STOP_TIMEOUT_MS).unref();
    await demo.stop();
    logger.info('demo stopped; the data directory keeps rules, settings and sync state');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  try {
    demo = await startDemo({ port: options.port, dataDir: options.dataDir, addinBuildDir: options.addinBuildDir, logger });
  } catch (err) {
    if (err instanceof DemoRefusedError) fail(2, err.message);
    if (err instanceof DataDirBusyError || err instanceof AddinBuildError) fail(1, err.message);
    if ((err as NodeJS.ErrnoException)?.code === 'EADDRINUSE') fail(1, `port ${options.port} is in use; set PORT (0 picks a free port)`);
    throw err;
  }
  process.stdout.write(`\n${demoBanner(demo.urls, demo.dataDir)}\n\n`);
  // The machine-readable line is for programs reading a pipe; a person has the banner.
  if (!process.stdout.isTTY)
    process.stdout.write(
      `${readyLine(demo.urls, { port: demo.port, dataDir: demo.dataDir, seeded: demo.seeded, addinBuilt: demo.addinBuilt, graph: demo.graph })}\n`,
    );
  if (signalled) {
    const signal = signalled;
    signalled = undefined;
    await stop(signal);
  }
}

/** Runs on its own (`node --import tsx demo/main.ts`), or when start-main.ts calls `runDemo`. */
export function runDemo(): void {
  main().catch((err: unknown) => {
    process.stderr.write(`calsync demo: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  });
}

if (require.main === module) runDemo();
