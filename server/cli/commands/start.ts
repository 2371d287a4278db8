/**
 * `calsync start`: what `npm start` does — the local demo, or the service once a tenant is configured — with
 * the port, data directory and mode as options. It takes over the process (servers, signals, exit code).
 */
import type { Command } from 'commander';
import { runStart } from '../../start-main';
import { CliError, type CliIo } from '../io';

export interface StartOptions {
  demo?: boolean;
  port?: string;
  dataDir?: string;
}

export function registerStartCommand(program: Command, io: CliIo): void {
  program
    .command('start')
    .description('run CalSync: the local demo, or the service once a tenant is configured (env or .env)')
    .option('--demo', 'the local demo, even when a tenant is configured')
    .option('--port <port>', 'port to listen on (0 picks a free one)')
    .option('--data-dir <dir>', "the demo's data directory (default ./data)")
    .action((opts: StartOptions) => {
      if (io.env !== process.env) throw new CliError('calsync start runs only as its own process');
      if (opts.demo) process.env.CALSYNC_MODE = 'demo';
      if (opts.port !== undefined) process.env.PORT = opts.port;
      if (opts.dataDir !== undefined) process.env.CALSYNC_DATA_DIR = opts.dataDir;
      runStart(process.env);
    });
}
