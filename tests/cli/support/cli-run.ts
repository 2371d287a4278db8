/** Runs the CLI in-process with captured output. */
import { runCli } from '../../../server/cli/main';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCaptured(argv: string[], env: NodeJS.ProcessEnv, options: { tty?: boolean } = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    env,
    stdout: { write: (s: string) => (stdout += s), isTTY: options.tty ?? false },
    stderr: { write: (s: string) => (stderr += s) },
  });
  return { code, stdout, stderr };
}
