/**
 * The log of a process someone may be watching (`npm start`, `npm run serve`): JSON lines for programs — when
 * stdout is not a terminal, or CALSYNC_LOG_FORMAT=json — and at a terminal one short line per event for a
 * person: time, level, what happened and the fields that say something (zeros, nulls and false left out; a
 * sync round in words).
 * At a terminal the sync's routine chatter (a subscription made, a round that changed nothing) is shown only
 * at LOG_LEVEL=debug, so the demo's banner stays on screen. Redaction is pino's, before either format: a
 * redacted token is "[redacted]" in both.
 */
import pino, { type DestinationStream, type Logger } from 'pino';
import { REDACT_PATHS } from './app';
import type { LogFormat } from './config/fields';

export interface ConsoleOutput {
  write(chunk: string): unknown;
  isTTY?: boolean;
}

/** The format asked for (CALSYNC_LOG_FORMAT, read by server/config), else lines at a terminal and JSON elsewhere. */
function formatFor(asked: LogFormat | undefined, out: ConsoleOutput): LogFormat {
  return asked ?? (out.isTTY ? 'lines' : 'json');
}

const LEVELS: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO ', 40: 'WARN ', 50: 'ERROR', 60: 'FATAL' };
/** Present in every record, shown in the line's own columns or not at all. */
const FRAME = new Set(['level', 'time', 'pid', 'hostname', 'msg', 'component', 'name']);

type LogRecord = Record<string, unknown> & { level: number; time: number; msg?: string };

/** Routine sync work: what a person at the demo does not need to watch (all of it is in the JSON log). */
function routine(record: LogRecord): boolean {
  if (record.msg === 'subscription created' || record.msg === 'subscription renewed') return true;
  return record.msg === 'mailbox round done' && !record.changed && !record.failed && !record.removed && !record.masterCategoriesCreated;
}

function value(v: unknown): string {
  if (typeof v === 'string') return /[\s"=]/.test(v) || v === '' ? JSON.stringify(v) : v;
  if (v && typeof v === 'object' && 'message' in v) return JSON.stringify((v as { message: unknown }).message);
  return JSON.stringify(v);
}

/** A sync round (mailbox-round.ts's report) in words; its bookkeeping (requests, leases, worker) stays in the JSON log. */
function roundSentence(r: LogRecord): string {
  const kind = r.mode === 'undo' ? 'undo round' : r.fullRound ? `full round (${String(r.fullReason)})` : 'round';
  const parts = [`${Number(r.eventsScanned ?? 0)} events read`, `${Number(r.changed ?? 0)} changed`];
  if (r.removed) parts.push(`${Number(r.removed)} removed`);
  if (r.masterCategoriesCreated) parts.push(`${Number(r.masterCategoriesCreated)} categories created`);
  if (r.failed) parts.push(`${Number(r.failed)} failed`);
  return `mailbox ${String(r.mailbox)}: ${kind}${r.dryRun ? ' (dry run)' : ''}, ${parts.join(', ')}`;
}

/** One record as a line a person reads. */
export function formatLine(record: LogRecord): string {
  const time = new Date(record.time).toTimeString().slice(0, 8);
  const component = typeof record.component === 'string' ? record.component : typeof record.name === 'string' ? record.name : '';
  const head = [time, LEVELS[record.level] ?? String(record.level), component && `[${component}]`];
  if (record.msg === 'mailbox round done') return [...head, roundSentence(record)].filter(Boolean).join(' ');
  const fields = Object.entries(record)
    .filter(([k, v]) => !FRAME.has(k) && v !== 0 && v !== null && v !== false && v !== undefined)
    .map(([k, v]) => `${k}=${value(v)}`);
  return [...head, record.msg ?? '', ...fields].filter(Boolean).join(' ');
}

/** A pino destination turning each JSON record into a line (or nothing, for routine work above debug). */
export function lineDestination(out: ConsoleOutput, level: string): DestinationStream {
  const showRoutine = level === 'debug' || level === 'trace';
  return {
    write(json: string) {
      let record: LogRecord;
      try {
        record = JSON.parse(json) as LogRecord;
      } catch {
        out.write(json);
        return;
      }
      if (!showRoutine && routine(record)) return;
      out.write(`${formatLine(record)}\n`);
    },
  };
}

export function consoleLogger(options: { level: string; format?: LogFormat; out?: ConsoleOutput }): Logger {
  const out = options.out ?? process.stdout;
  const settings = { level: options.level, redact: { paths: REDACT_PATHS, censor: '[redacted]' } };
  if (formatFor(options.format, out) === 'lines') return pino(settings, lineDestination(out, options.level));
  return out === process.stdout ? pino(settings) : pino(settings, { write: (s: string) => out.write(s) });
}
