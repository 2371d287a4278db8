/** Where a command reads its environment and writes its output: the process, or a test's buffers. */
import { ConfigError } from '../config';

export interface CliOutput {
  write(chunk: string): unknown;
  /** A terminal gets a redrawn progress bar; anything else gets one line per mailbox. */
  isTTY?: boolean;
}

export interface CliIo {
  env: NodeJS.ProcessEnv;
  stdout: CliOutput;
  stderr: CliOutput;
}

/** Thrown by commands for a refusal the user can fix; main prints the message and exits with `exitCode`. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** One line per bad variable, so every fix is visible at once. */
export function describeConfigError(err: ConfigError): string {
  return err.problems.map((p) => `config: ${p.variable}: ${p.message}`).join('\n');
}
