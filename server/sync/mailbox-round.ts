/**
 * One mailbox round: effective rules → master categories → time zone → calendarView/delta → plan →
 * PATCH what changed → store the deltaLink only when every write succeeded. The queue, leases and the
 * CLI call this; it holds no state of its own beyond the sync-state repository and the mailbox gate.
 */
import { createHash } from 'node:crypto';
import type { Client } from '@microsoft/microsoft-graph-client';
import pino, { type Logger } from 'pino';
import { categoryKey, fromGraphEvent, planStamp, planUndo } from '../../shared';
import { emptySyncState, type MailboxSyncState, type StoredSyncState, type SyncStateRepository } from '../store/sync-state';
import { defaultBackoff, type BackoffPolicy } from './backoff';
import type { DeltaLinkCadence } from './delta-link-cadence';
import { DeltaPagingStuck, DeltaTokenExpired, initialDeltaUrl, readDelta, type DeltaEvent, type DeltaRead } from './delta-reader';
import { MailboxGraph, GraphCallError } from './mailbox-graph';
import type { MailboxGates } from './mailbox-gate';
import type { OwnWrites } from './own-writes';
import { ensureMasterCategories } from './master-categories';
import { roundConfig, windowBounds, type EffectiveRules, type RoundConfig } from './round-config';
import { emptyReport, type RoundReport } from './round-report';
import { TargetCollector, type RuleMatch } from './round-targets';
import { StampMirror } from './stamp-mirror';
import { stampTargets, type StampWriterContext } from './stamp-writer';

export interface RoundTuning {
  /** `Prefer: odata.maxpagesize` for delta. */
  pageSize: number;
  /** Writes of one event per round, counting the first (412 → re-read → write again). */
  maxPreconditionAttempts: number;
  /** How old the remembered time zone and master categories may get before an incremental round re-reads them. */
  mailboxRefreshMs: number;
  /** Delta pages one read may follow before it counts as stuck (see delta-reader.ts). */
  maxDeltaPages: number;
  /** A round that changed nothing stores Graph's new deltaLink at least every this many rounds (delta-link-cadence.ts). */
  deltaLinkEveryRounds: number;
  /** …and once the stored deltaLink is this old. */
  deltaLinkMaxAgeMs: number;
}

export const defaultTuning: RoundTuning = {
  pageSize: 1000,
  maxPreconditionAttempts: 3,
  mailboxRefreshMs: 86_400_000,
  maxDeltaPages: 1000,
  deltaLinkEveryRounds: 8,
  deltaLinkMaxAgeMs: 86_400_000,
};

export interface MailboxRoundDeps {
  tenantId: string;
  client: Client;
  syncState: SyncStateRepository;
  /** The user's effective rules (org + personal) and the tenant's settings. */
  /** `ownerId`: the mailbox user's object id when the job carries it (no lookup then). */
  loadRules(tenantId: string, userId: string, ownerId?: string): Promise<EffectiveRules>;
  gates: MailboxGates;
  backoff?: BackoffPolicy;
  logger?: Logger;
  now?: () => Date;
  tuning?: Partial<RoundTuning>;
  /** Told of each 429 Graph answers the round (MailboxGraph.noteThrottled). */
  onThrottled?: () => void;
  /**
   * Counts the rounds that kept an older deltaLink (shared by the rounds of a process: worker-pool.ts). Without it,
   * a round that changed nothing stores each new deltaLink, as every round did before.
   */
  deltaLinks?: DeltaLinkCadence;
  /** Where the change keys of this round's writes go while the process takes change notifications (own-writes.ts). */
  ownWrites?: OwnWrites;
}

/** A mailbox: the id Graph addresses (user id or UPN) and its SMTP address (for internal/external and organizer checks). */
export type MailboxTarget = string | { id: string; address: string; ownerId?: string };

export interface RoundOptions {
  mode: 'sync' | 'undo';
  dryRun?: boolean;
  /** Check the master list now and put the org colours back even under categoryPolicy 'allow' (the admin's re-apply). */
  restoreScheme?: boolean;
}

const silent = pino({ level: 'silent' });

/** Mailboxes are personal data: logs carry a short hash, never the address. */
export const mailboxRef = (id: string): string => createHash('sha256').update(id.toLowerCase()).digest('hex').slice(0, 12);

function withoutEtag(stored: StoredSyncState): MailboxSyncState {
  const { etag, ...state } = stored;
  void etag;
  return state;
}

async function readTimeZone(graph: MailboxGraph, path: string): Promise<string> {
  const r = await graph.call('GET', `${path}/mailboxSettings/timeZone`);
  if (r.status !== 200) throw new GraphCallError(`mailboxSettings answered ${r.status}`, r.status, r.body);
  return typeof r.body?.value === 'string' && r.body.value ? r.body.value : 'UTC';
}

interface CheckContext {
  stored: boolean;
  fullRound: boolean;
  config: RoundConfig;
  options: RoundOptions;
  now: Date;
  tuning: RoundTuning;
  report: RoundReport;
}

/**
 * Time zone and master categories, on full rounds and when older than `mailboxRefreshMs` (incremental rounds
 * skip them: that is how a round with no change is one request). Returns whether events CalSync does not know
 * must have their own record read before CalSync adds to them: no state, yet the rules' categories already
 * exist — the state may have been lost, and a person's earlier removal is recorded only on the event.
 */
/** The state's own fields a round may change besides the mirror and the deltaLink. */
const mailboxFields = (s: MailboxSyncState): string => JSON.stringify([s.configHash, s.timeZone, s.mailboxCheckedAt, s.createdCategories]);

async function checkMailbox(graph: MailboxGraph, path: string, state: MailboxSyncState, c: CheckContext): Promise<boolean> {
  const checkedAt = state.mailboxCheckedAt ? Date.parse(state.mailboxCheckedAt) : 0;
  const stale = !state.timeZone || c.now.getTime() - checkedAt > c.tuning.mailboxRefreshMs;
  if (c.options.mode === 'sync' && (stale || c.fullRound || c.options.restoreScheme)) {
    const [timeZone, categories] = await Promise.all([
      readTimeZone(graph, path),
      ensureMasterCategories(
        graph,
        path,
        c.config.wanted,
        state.createdCategories,
        c.options.dryRun ?? false,
        c.options.restoreScheme ? 'enforce' : c.config.categoryPolicy,
      ),
    ]);
    state.timeZone = timeZone;
    state.createdCategories = categories.createdCategories;
    state.mailboxCheckedAt = c.now.toISOString();
    c.report.masterCategoriesCreated = categories.created;
    c.report.masterCategoriesRecoloured = categories.recoloured;
    c.report.categoryDrift = categories.drift;
    return !c.stored && categories.preexisting > 0;
  }
  if (!state.timeZone) state.timeZone = await readTimeZone(graph, path);
  return false;
}

export async function runMailboxRound(deps: MailboxRoundDeps, target: MailboxTarget, options: RoundOptions): Promise<RoundReport> {
  const mailbox: { id: string; address: string; ownerId?: string } = typeof target === 'string' ? { id: target, address: target } : target;
  const dryRun = options.dryRun ?? false;
  const tuning = { ...defaultTuning, ...deps.tuning };
  const now = deps.now?.() ?? new Date();
  const logger = (deps.logger ?? silent).child({ mailbox: mailboxRef(mailbox.id) });
  const report = emptyReport(mailbox.id, options.mode, dryRun);
  const graph = new MailboxGraph(deps.client, deps.gates.for(mailbox.id), deps.backoff ?? defaultBackoff, report, logger, deps.onThrottled);
  const path = `/users/${encodeURIComponent(mailbox.id)}`;

  const effective = await deps.loadRules(deps.tenantId, mailbox.id, mailbox.ownerId);
  const config = roundConfig(effective, mailbox.address.toLowerCase(), now);
  const stored = await deps.syncState.get(deps.tenantId, mailbox.id);
  let etag = stored?.etag ?? null;
  const state: MailboxSyncState = stored ? withoutEtag(stored) : emptySyncState(deps.tenantId, mailbox.id);
  const mirror = new StampMirror(state);
  const loadedFields = mailboxFields(state);

  // A dry run reads the whole window: from the stored deltaLink it would see only what changed since the last
  // round (nothing, on a mailbox the sync keeps up with) and plan nothing; it stores no new deltaLink either.
  let fullReason: string | null =
    options.mode === 'undo' ? 'undo' : dryRun ? 'dry-run' : !state.deltaLink ? 'first' : state.configHash !== config.hash ? 'config-changed' : null;
  const verifyUnknownAdds = await checkMailbox(graph, path, state, { stored: !!stored, fullRound: fullReason !== null, config, options, now, tuning, report });
  const timeZone = state.timeZone ?? 'UTC';

  const address = mailbox.address.toLowerCase();
  // The rules are evaluated on each delta entry as its page arrives (undo needs no match).
  const match: RuleMatch =
    options.mode === 'undo' ? () => [] : (event: DeltaEvent) => config.ruleSet.categoriesFor(fromGraphEvent(event, { mailbox: address, timeZone }));
  const fullUrl = initialDeltaUrl(path, windowBounds(config.window, now));
  const paging = { timeZone, pageSize: tuning.pageSize, maxPages: tuning.maxDeltaPages };
  let collector = new TargetCollector(match);
  let read: DeltaRead;
  try {
    try {
      read = await readDelta(graph, fullReason ? fullUrl : (state.deltaLink as string), paging, (items) => collector.add(items));
    } catch (error) {
      if (!(error instanceof DeltaTokenExpired) || fullReason) throw error;
      fullReason = 'delta-expired';
      logger.info('delta token expired; reading the whole window');
      collector = new TargetCollector(match);
      read = await readDelta(graph, fullUrl, paging, (items) => collector.add(items));
    }
  } catch (error) {
    if (!(error instanceof DeltaPagingStuck)) throw error;
    // Nothing is written and nothing stored: the last good deltaLink (or none) stays for the full round the
    // caller schedules later; this round ends now so its worker slot is free.
    report.fullRound = fullReason !== null;
    report.fullReason = fullReason;
    report.pagingStuck = error.reason;
    logger.warn({ reason: error.reason, pages: error.pages }, 'delta paging does not end; the mailbox needs a full round later');
    return report;
  }
  report.fullRound = fullReason !== null;
  report.fullReason = fullReason;

  const { targets, removedIds, scanned } = collector;
  report.eventsScanned = scanned;
  report.removed = removedIds.length;
  if (!dryRun) for (const id of removedIds) mirror.delete(id);

  const ownWrites = deps.ownWrites?.enabled && !dryRun ? deps.ownWrites : undefined;
  const watchedKeys = new Set([...config.wanted.map((w) => categoryKey(w.name)), ...Object.keys(state.createdCategories).map(categoryKey)]);
  const ctx: StampWriterContext = {
    graph,
    mailboxPath: path,
    mirror,
    timeZone,
    dryRun,
    spreadWrites: fullReason !== null,
    maxPreconditionAttempts: tuning.maxPreconditionAttempts,
    verifyUnknownAdds,
    watched: options.mode === 'undo' ? (c) => c.length > 0 : (c) => c.some((name) => watchedKeys.has(categoryKey(name))),
    decide:
      options.mode === 'undo' ? (current, _matched, record) => planUndo(current, record) : (current, matched, record) => planStamp(current, matched, record),
    match,
    ...(ownWrites ? { onWritten: (id: string, changeKey: string) => ownWrites.remember(deps.tenantId, mailbox.id, id, changeKey) } : {}),
  };
  // Before any write, the ids about to be written are stored as pending: if this process dies mid-round,
  // the next round reads those events' own records instead of trusting a mirror that may be behind.
  const persist = async (): Promise<void> => {
    report.stateWrites++;
    const saved = await deps.syncState.put({ ...state, ...mirror.toState(), updatedAt: (deps.now?.() ?? new Date()).toISOString() }, etag);
    etag = saved.etag;
  };
  const onBeforeWrite = async (ids: string[]): Promise<void> => {
    mirror.markPending(ids);
    await persist();
  };
  await stampTargets({ ...ctx, onBeforeWrite }, targets.values());

  if (!dryRun) {
    const complete = report.failed === 0;
    // An incremental round that changed nothing has nothing to store but, perhaps, a newer deltaLink.
    const quiet = options.mode === 'sync' && complete && fullReason === null && !mirror.changed && mailboxFields(state) === loadedFields;
    const policy = { everyRounds: tuning.deltaLinkEveryRounds, maxAgeMs: tuning.deltaLinkMaxAgeMs };
    const keepLink =
      quiet &&
      (read.deltaLink === state.deltaLink ||
        (deps.deltaLinks !== undefined && !deps.deltaLinks.shouldStore(deps.tenantId, mailbox.id, state.deltaLinkAt, now, policy)));
    if (options.mode === 'undo') {
      state.deltaLink = null;
      state.deltaLinkAt = null;
      state.configHash = null;
    } else if (complete) {
      state.deltaLink = read.deltaLink;
      state.deltaLinkAt = now.toISOString();
      state.configHash = config.hash;
    } else if (fullReason === 'delta-expired') {
      state.deltaLink = null;
      state.deltaLinkAt = null;
    }
    if (complete && fullReason) mirror.retainOnly(new Set(targets.keys()));
    if (!keepLink) {
      await persist();
      deps.deltaLinks?.stored(deps.tenantId, mailbox.id);
    }
    report.committed = complete && options.mode === 'sync';
  }
  logger.info({ ...report, mailbox: undefined }, 'mailbox round done');
  return report;
}
