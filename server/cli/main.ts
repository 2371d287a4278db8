/**
 * The `calsync` command line. `runCli(argv, io)` runs one command in-process and resolves to its exit code,
 * so tests need not spawn; bin/calsync.js and `npm run calsync` call it with the real process.
 */
import { Command, CommanderError } from 'commander';
import { ConfigError, describeConfigError } from '../config';
import { registerDoctorCommand } from './commands/doctor';
import { registerManifestCommand } from './commands/manifest';
import { registerRbacScriptCommand } from './commands/rbac-script';
import { registerRulesCommands } from './commands/rules';
import { registerStartCommand } from './commands/start';
import { registerSyncCommands } from './commands/sync';
import { registerTenantsCommands } from './commands/tenants';
import { cliConfigSource } from './demo-discovery';
import { CliError, type CliIo } from './io';

/** Commands that read no CalSync configuration (start reads its own, the demo's or the service's). */
const NO_CONFIG = new Set(['start', 'manifest', 'help']);

export function buildProgram(io: CliIo, setExit: (code: number) => void): Command {
  const program = new Command('calsync')
    .description('CalSync: rule-based colour coding of Outlook calendars')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });
  // The commands read `commandIo.env`: the environment, or a running demo's configuration when it sets none.
  const commandIo: CliIo = { ...io };
  program.hook('preAction', (_program, action) => {
    if (NO_CONFIG.has(action.name()) || NO_CONFIG.has(action.parent?.name() ?? '')) return;
    const source = cliConfigSource(io.env);
    commandIo.env = source.env;
    if (source.demo)
      io.stderr.write(`calsync: no CalSync variables set; using the running demo (pid ${source.demo.connection.pid}) from ${source.demo.file}\n`);
  });
  registerStartCommand(program, io);
  registerSyncCommands(program, commandIo, setExit);
  registerRulesCommands(program, commandIo, setExit);
  registerManifestCommand(program, io, setExit);
  registerDoctorCommand(program, commandIo, setExit);
  registerTenantsCommands(program, commandIo, setExit);
  registerRbacScriptCommand(program, commandIo, setExit);
  // Subcommands inherit neither exitOverride nor the output routing; without this a usage error would exit the test process.
  for (const command of allCommands(program)) {
    command.exitOverride().configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });
  }
  return program;
}

function allCommands(command: Command): Command[] {
  return command.commands.flatMap((c) => [c, ...allCommands(c)]);
}

/** `argv` is the user's arguments only (no node and script paths). */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let exitCode = 0;
  const program = buildProgram(io, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (err) {
    // Help and version end in a CommanderError with exit code 0; usage errors have already been printed.
    if (err instanceof CommanderError) return err.exitCode;
    if (err instanceof ConfigError) {
      io.stderr.write(`${describeConfigError(err)}\n`);
      const { dataDir } = cliConfigSource(io.env);
      if (dataDir)
        io.stderr.write(
          `calsync: no CalSync variables set and no running demo in ${dataDir}: start one with \`npm start\` (CALSYNC_DATA_DIR names another directory), or set the variables (README, "Configuration")\n`,
        );
      return 2;
    }
    if (err instanceof CliError) {
      io.stderr.write(`calsync: ${err.message}\n`);
      return err.exitCode;
    }
    io.stderr.write(`calsync: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return 1;
  }
}

if (require.main === module) {
  void runCli(process.argv.slice(2), { env: process.env, stdout: process.stdout, stderr: process.stderr }).then((code) => {
    process.exitCode = code;
  });
}
