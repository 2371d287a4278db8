/** Where a command reads its environment and writes its output: the process, or a test's buffers. */

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
