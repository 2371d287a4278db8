/** One doctor check: a name, pass / fail / skipped, what was found, and for a failure the fix. */
export type CheckStatus = 'pass' | 'fail' | 'skip';

export interface CheckResult {
  name: string;
  status: CheckStatus;
  detail: string;
  /** What to do about a failure (or why a check was skipped). */
  fix?: string;
}

export const pass = (name: string, detail: string): CheckResult => ({ name, status: 'pass', detail });
export const fail = (name: string, detail: string, fix: string): CheckResult => ({ name, status: 'fail', detail, fix });
export const skip = (name: string, reason: string): CheckResult => ({ name, status: 'skip', detail: reason });

/** An error's message without secrets: the first line, bounded (identity errors can be long). */
export function shortError(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const firstLine = message.split('\n').find((l) => l.trim() !== '') ?? message;
  return firstLine.length > 240 ? `${firstLine.slice(0, 237)}...` : firstLine;
}

const MARK: Record<CheckStatus, string> = { pass: 'PASS', fail: 'FAIL', skip: 'SKIP' };

export function formatCheck(result: CheckResult): string {
  const head = `${MARK[result.status]}  ${result.name}: ${result.detail}`;
  return result.fix ? `${head}\n      fix: ${result.fix}` : head;
}
