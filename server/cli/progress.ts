/**
 * Progress of a sync/undo run. On a terminal a bar over the mailboxes is redrawn in place with `\r` (finished
 * mailboxes scroll above it); elsewhere (logs, CI, pipes) one plain line per mailbox as it finishes, no escapes.
 */
import type { RoundReport } from '../sync/round-report';
import type { CliOutput } from './io';

const BAR_WIDTH = 24;

export interface Totals {
  mailboxes: number;
  failed: number;
  scanned: number;
  changed: number;
  written: number;
  categoriesAdded: number;
  categoriesRemoved: number;
}

/** The per-mailbox line: what was read and what was (or in a dry run would be) written. */
export function describeReport(r: RoundReport): string {
  const verb = r.mode === 'undo' ? 'removed' : 'stamped';
  const writes = r.dryRun
    ? `would change ${r.changed}`
    : `changed ${r.changed}, ${verb} ${r.stamped} (categories +${r.categoriesAdded} -${r.categoriesRemoved})`;
  const failed = r.failed > 0 ? `, FAILED ${r.failed} writes` : '';
  return `${r.mailbox}: scanned ${r.eventsScanned}, ${writes}${failed}`;
}

export class Progress {
  private done = 0;
  readonly totals: Totals = { mailboxes: 0, failed: 0, scanned: 0, changed: 0, written: 0, categoriesAdded: 0, categoriesRemoved: 0 };

  constructor(
    private readonly out: CliOutput,
    private readonly total: number,
  ) {
    this.totals.mailboxes = total;
    this.redraw();
  }

  finished(report: RoundReport): void {
    const t = this.totals;
    t.scanned += report.eventsScanned;
    t.changed += report.changed;
    t.written += report.stamped;
    t.categoriesAdded += report.categoriesAdded;
    t.categoriesRemoved += report.categoriesRemoved;
    if (report.failed > 0) t.failed++;
    this.line(describeReport(report));
  }

  failed(mailbox: string, error: unknown): void {
    this.totals.failed++;
    this.line(`${mailbox}: FAILED: ${error instanceof Error ? error.message : String(error)}`);
  }

  /** Clears the bar before the last redraw, so the summary stands alone. */
  end(): void {
    if (this.out.isTTY) this.out.write('\r\x1b[K');
  }

  private line(text: string): void {
    this.done++;
    if (this.out.isTTY) this.out.write(`\r\x1b[K${text}\n`);
    else this.out.write(`${text}\n`);
    this.redraw();
  }

  private redraw(): void {
    if (!this.out.isTTY || this.total === 0) return;
    const filled = Math.round((this.done / this.total) * BAR_WIDTH);
    const t = this.totals;
    this.out.write(
      `\r[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${this.done}/${this.total} mailboxes · scanned ${t.scanned} · changed ${t.changed}`,
    );
  }
}

export function summaryLine(mode: 'sync' | 'undo', dryRun: boolean, t: Totals): string {
  const verb = mode === 'undo' ? 'removed from' : 'stamped';
  const writes = dryRun
    ? `would change ${t.changed} events (dry run: nothing written)`
    : `changed ${t.changed}, ${verb} ${t.written} events (categories +${t.categoriesAdded} -${t.categoriesRemoved})`;
  return `${mode}: ${t.mailboxes} mailboxes, ${t.failed} failed; scanned ${t.scanned}, ${writes}`;
}
