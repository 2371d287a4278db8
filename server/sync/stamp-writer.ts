/**
 * Plans and writes the stamp of each target. Where the mirror cannot vouch for an event's record, the
 * record is read from the event itself first (batched GETs with $expand): CalSync never removes what it
 * cannot prove it stamped. Writes are PATCHes of categories and the record together, with If-Match; a 412
 * re-reads that event and plans again (bounded), a 404 means the event is gone.
 */
import { parseStampRecord, serializeStampRecord, STAMP_PROPERTY_ID, type StampPlan, type StampRecord } from '../../shared';
import { runInBatches, type InnerRequest } from './batch-runner';
import type { DeltaEvent } from './delta-reader';
import type { MailboxGraph } from './mailbox-graph';
import type { RuleMatch, StampTarget } from './round-targets';
import { changeKeyOfEtag } from './own-writes';
import type { StampMirror } from './stamp-mirror';

export interface StampWriterContext {
  graph: MailboxGraph;
  mailboxPath: string;
  mirror: StampMirror;
  timeZone: string;
  /** The plan for an event from its categories, the rules' match and its record: planStamp (sync) or planUndo (undo). */
  decide(current: string[], matched: string[], record: StampRecord): StampPlan;
  /** The rules' match for an event read again (the same the round gave its delta entry). */
  match: RuleMatch;
  /** Whether categories include one CalSync may have stamped (then an unknown record must be read). */
  watched(categories: readonly string[]): boolean;
  dryRun: boolean;
  /**
   * Spread the writes over every lane, however few (runInBatches' minPerBatch 1): full rounds, which someone waits
   * for (a sign-up, a new rule). Incremental rounds keep batches of at least 8: a round trip saved counts for more there.
   */
  spreadWrites: boolean;
  maxPreconditionAttempts: number;
  /**
   * Read the record of an event the mirror does not know before adding to it (the sync state was lost, so a
   * person's earlier removal may be recorded only on the event). Off for a mailbox CalSync never saw.
   */
  verifyUnknownAdds: boolean;
  /** Called with the ids about to be written, before the writes go out (the round records them as pending). */
  onBeforeWrite?(ids: string[]): Promise<void>;
  /**
   * Told each successful write's new change key, where Graph's answer carries one (own-writes.ts). When given,
   * PATCHes ask for the written event back: a minimal 204 has no change key.
   */
  onWritten?(eventId: string, changeKey: string): void;
}

interface Candidate extends StampTarget {
  /** The record read from the event, when it was read. */
  readRecord?: StampRecord;
  mustRead: boolean;
}

const expandStamp = `$expand=${encodeURIComponent(`singleValueExtendedProperties($filter=id eq '${STAMP_PROPERTY_ID}')`)}`;

function eventUrl(ctx: StampWriterContext, id: string): string {
  return `${ctx.mailboxPath}/events/${encodeURIComponent(id)}`;
}

function recordOf(body: DeltaEvent): StampRecord {
  const prop = (body.singleValueExtendedProperties ?? []).find((p) => p.id?.toLowerCase() === STAMP_PROPERTY_ID.toLowerCase());
  return parseStampRecord(prop?.value ?? null);
}

/** Reads the candidates' current categories, etag and stamp record from the events themselves. */
async function readRecords(ctx: StampWriterContext, candidates: Candidate[]): Promise<Candidate[]> {
  if (candidates.length === 0) return [];
  const read = (c: Candidate): InnerRequest => ({
    method: 'GET',
    url: `${eventUrl(ctx, c.id)}?${expandStamp}`,
    headers: { Prefer: `outlook.timezone="${ctx.timeZone}"` },
  });
  const results = await runInBatches(ctx.graph, candidates, read);
  const fresh: Candidate[] = [];
  candidates.forEach((c, i) => {
    const r = results[i]!;
    if (r.status === 404) {
      ctx.mirror.delete(c.id);
      return;
    }
    if (r.status !== 200) {
      ctx.graph.report.failed++;
      return;
    }
    ctx.graph.report.recordsRead++;
    const body = r.body as DeltaEvent;
    // A master is judged on its first instance in the window, as delta dates it (a GET gives the series'
    // first ever); everything else, its own categories included, is the master's own.
    const event = c.kind === 'master' ? { ...body, start: c.event.start, end: c.event.end } : body;
    const { unread, ...known } = c;
    void unread;
    fresh.push({
      ...known,
      matched: ctx.match(event),
      etag: body['@odata.etag'] ?? null,
      categories: [...(body.categories ?? [])],
      readRecord: recordOf(body),
      mustRead: false,
    });
  });
  return fresh;
}

// The round never reads a PATCH's answer (the next etag comes from delta or a re-read), so it asks for none:
// Graph then answers 204 instead of the whole event — over 40% of the bytes a first round used to parse.
const minimal = { Prefer: 'return=minimal' };

function patchRequest(ctx: StampWriterContext, c: Candidate, plan: StampPlan): InnerRequest {
  const prefer = ctx.onWritten ? {} : minimal;
  return {
    method: 'PATCH',
    url: eventUrl(ctx, c.id),
    headers: c.etag ? { ...prefer, 'If-Match': c.etag } : prefer,
    body: { categories: plan.categories, singleValueExtendedProperties: [{ id: STAMP_PROPERTY_ID, value: serializeStampRecord(plan.record) }] },
  };
}

/** Plans and writes every target; returns the ids whose write did not succeed. */
export async function stampTargets(ctx: StampWriterContext, targets: Iterable<StampTarget>): Promise<string[]> {
  const report = ctx.graph.report;
  const changedIds = new Set<string>();
  const unfinished: string[] = [];
  let queue: Candidate[] = [...targets].map((t) => ({
    ...t,
    // A master delta did not carry (only its occurrences) is read before anything is planned for it.
    mustRead: t.unread === true || ctx.mirror.isPending(t.id) || (!ctx.mirror.knows(t.id) && ctx.watched(t.categories)),
  }));
  for (let attempt = 0; queue.length > 0; attempt++) {
    const ready = [
      ...queue.filter((c) => !c.mustRead),
      ...(await readRecords(
        ctx,
        queue.filter((c) => c.mustRead),
      )),
    ];
    const writes: Array<{ c: Candidate; plan: StampPlan }> = [];
    const verify: Candidate[] = [];
    for (const c of ready) {
      const known = c.readRecord ?? ctx.mirror.get(c.id);
      const plan = ctx.decide(c.categories, c.matched, known ?? { stamped: [], suppressed: [] });
      if (!known && ctx.verifyUnknownAdds && plan.added.length > 0) {
        verify.push({ ...c, mustRead: true });
        continue;
      }
      if (!plan.changed) {
        if (!ctx.dryRun) ctx.mirror.set(c.id, plan.record, ctx.watched(c.categories));
        continue;
      }
      changedIds.add(c.id);
      writes.push({ c, plan });
    }
    queue = verify;
    if (ctx.dryRun || writes.length === 0) continue;
    await ctx.onBeforeWrite?.(writes.map(({ c }) => c.id));
    const results = await runInBatches(ctx.graph, writes, ({ c, plan }) => patchRequest(ctx, c, plan), ctx.spreadWrites ? 1 : undefined);
    writes.forEach(({ c, plan }, i) => {
      const r = results[i]!;
      // 204 where Graph honoured return=minimal, 200 with the event where it did not.
      if (r.status === 204 || r.status === 200) {
        ctx.mirror.set(c.id, plan.record, ctx.watched(plan.categories));
        // The change key only for whom it is for: most rounds have no onWritten, and this runs per write.
        if (ctx.onWritten) {
          const changeKey = typeof r.body?.changeKey === 'string' ? (r.body.changeKey as string) : changeKeyOfEtag(r.body?.['@odata.etag'] ?? r.headers.etag);
          if (changeKey) ctx.onWritten(c.id, changeKey);
        }
        report.stamped++;
        report.categoriesAdded += plan.added.length;
        report.categoriesRemoved += plan.removed.length;
      } else if (r.status === 404) {
        ctx.mirror.delete(c.id);
      } else if (r.status === 412) {
        report.preconditionFailed++;
        if (attempt + 1 < ctx.maxPreconditionAttempts) queue.push({ ...c, mustRead: true, readRecord: undefined });
        else unfinished.push(c.id);
      } else {
        unfinished.push(c.id);
      }
    });
  }
  report.changed += changedIds.size;
  report.failed += unfinished.length;
  return unfinished;
}
