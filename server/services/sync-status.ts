/**
 * What an admin sees of the background sync: each enrolled mailbox's last round (from the record the worker
 * leaves in its sync state), the status line's counts, directory search for enrolling people, and "sync now".
 * The sync itself is reached only through the SyncControl port it implements (server/domain/sync-control.ts):
 * absent when this process runs the API without the sync, and then "sync now" answers 503; search needs only the
 * directory, which such an API reads on its own when it has a Graph credential.
 */
import { z } from 'zod';
import type { ApiCategoryDrift, ApiDirectoryUser, ApiDriftReport, ApiMailboxStatus, ApiSyncSummary } from '../../shared/api-types';
import type { Principal } from '../domain/principal';
import { DomainError, forbidden, notFound } from '../domain/errors';
import type { DirectoryReader, SyncControl } from '../domain/sync-control';
import type { StoredSyncState } from '../store/sync-state';
import type { Stores } from '../store/types';
import { parseBody } from './request-bodies';
import { MAILBOX } from './settings';
import { roundErrorInWords } from './sync-error-words';
import { roundStateOf } from './round-state';

export type { SyncControl };

export const DIRECTORY_RESULTS_MAX = 10;
const MailboxAddress = z.string().trim().toLowerCase().regex(MAILBOX, 'expected an email address');
export const SearchText = z.string().trim().min(1, 'type at least one character').max(100, 'at most 100 characters');

export const noSync = () => new DomainError('unavailable', 'the background sync is not running in this service, so it cannot sync a mailbox now', [], 60);
/** No Graph access in this service (no app credential configured): the directory cannot be read. */
export const noDirectory = () =>
  new DomainError('unavailable', 'this service has no access to the directory (no Graph credential is configured), so it cannot search it', [], 60);

export class SyncStatusService {
  constructor(
    private readonly stores: Stores,
    private readonly control: SyncControl | undefined,
    private readonly now: () => Date = () => new Date(),
    private readonly directory: DirectoryReader | undefined = control,
  ) {}

  async mailboxes(p: Principal): Promise<ApiMailboxStatus[]> {
    requireAdmin(p);
    const { enrolled, states } = await this.enrolledStates(p.tenantId);
    return enrolled.map((mailbox, i) => this.statusOf(mailbox, states[i]));
  }

  async summary(p: Principal): Promise<ApiSyncSummary> {
    requireAdmin(p);
    const { enrolled, states } = await this.enrolledStates(p.tenantId);
    const rows = enrolled.map((mailbox, i) => this.statusOf(mailbox, states[i]));
    const newest = await this.stores.audit.list({ tenantId: p.tenantId, scopes: ['org', 'settings'] }, { limit: 1 });
    const lastChangeAt = newest.items[0]?.at ?? null;
    return {
      enrolled: rows.length,
      syncing: rows.filter((r) => r.state === 'syncing').length,
      failing: rows.filter((r) => r.state === 'failing').length,
      lastChangeAt,
      lastChangeAppliedAt: lastChangeAt === null ? null : appliedAt(lastChangeAt, states),
      overSeats: this.control?.overSeats?.(p.tenantId) ?? null,
    };
  }

  async searchDirectory(p: Principal, text: unknown): Promise<ApiDirectoryUser[]> {
    requireAdmin(p);
    const q = parseBody(SearchText, text, 'search text');
    if (!this.directory) throw noDirectory();
    return this.directory.searchDirectory(p.tenantId, q, DIRECTORY_RESULTS_MAX);
  }

  async syncNow(p: Principal, mailbox: string): Promise<void> {
    requireAdmin(p);
    if (!this.control) throw noSync();
    const enrolled = await this.control.enrolled(p.tenantId);
    const match = enrolled.find((m) => m.toLowerCase() === mailbox.toLowerCase());
    if (!match) throw notFound('enrolled mailbox');
    await this.control.syncNow(p.tenantId, match);
  }

  /**
   * Removes exactly the categories CalSync stamped from a mailbox that is no longer enrolled (`calsync undo
   * --mailbox` from the Admin tab). Refused while it is enrolled: its next round would stamp it again.
   */
  async undo(p: Principal, mailbox: unknown): Promise<void> {
    requireAdmin(p);
    const address = parseBody(MailboxAddress, mailbox, 'mailbox');
    if (!this.control?.undo) throw noSync();
    if (!(await this.control.undo(p.tenantId, address))) {
      throw new DomainError('conflict', `${address} is enrolled: take it out of the enrolled people and teams first, or its next round stamps it again`);
    }
  }

  /** The enrolled mailboxes' colour drift as their last master-list checks left it, per org category. */
  async drift(p: Principal): Promise<ApiDriftReport> {
    requireAdmin(p);
    const [{ states }, settings] = await Promise.all([this.enrolledStates(p.tenantId), this.stores.settings.get(p.tenantId)]);
    const byCategory = new Map<string, { expected: string; colours: Map<string, number>; missing: number }>();
    for (const state of states) {
      for (const d of state?.lastRound?.categoryDrift ?? []) {
        const entry = byCategory.get(d.category) ?? { expected: d.expected, colours: new Map<string, number>(), missing: 0 };
        byCategory.set(d.category, entry);
        if (d.actual === null) entry.missing++;
        else entry.colours.set(d.actual, (entry.colours.get(d.actual) ?? 0) + 1);
      }
    }
    const items: ApiCategoryDrift[] = [...byCategory].map(([category, e]) => ({
      category,
      expected: e.expected,
      recoloured: [...e.colours]
        .map(([color, mailboxes]) => ({ color, mailboxes }))
        .sort((a, b) => b.mailboxes - a.mailboxes || a.color.localeCompare(b.color)),
      missing: e.missing,
    }));
    items.sort((a, b) => a.category.localeCompare(b.category));
    return { policy: settings?.categoryPolicy ?? 'enforce', checkedMailboxes: states.filter((s) => s?.mailboxCheckedAt).length, items };
  }

  /** Queues a round that restores the org colours (even under 'allow') for each mailbox that shows drift; how many. */
  async restoreScheme(p: Principal): Promise<number> {
    requireAdmin(p);
    if (!this.control?.restoreScheme) throw noSync();
    const { enrolled, states } = await this.enrolledStates(p.tenantId);
    const drifting = enrolled.filter((_m, i) => (states[i]?.lastRound?.categoryDrift?.length ?? 0) > 0);
    return drifting.length === 0 ? 0 : this.control.restoreScheme(p.tenantId, drifting);
  }

  /** The enrolled mailboxes and each one's sync state (undefined before its first round), in the same order. */
  private async enrolledStates(tenantId: string): Promise<{ enrolled: string[]; states: Array<StoredSyncState | undefined> }> {
    const enrolled = await this.enrolled(tenantId);
    return { enrolled, states: await Promise.all(enrolled.map((m) => this.stores.syncState.get(tenantId, m))) };
  }

  private async enrolled(tenantId: string): Promise<string[]> {
    if (this.control) return this.control.enrolled(tenantId);
    const settings = await this.stores.settings.get(tenantId);
    // Without the sync there is no directory to resolve 'all' with.
    return settings && Array.isArray(settings.enrolledMailboxes) ? settings.enrolledMailboxes : [];
  }

  private statusOf(mailbox: string, state: StoredSyncState | undefined): ApiMailboxStatus {
    const round = state?.lastRound ?? null;
    return {
      mailbox,
      state: roundStateOf(state, this.now()),
      lastRoundAt: round?.endedAt ?? null,
      lastSuccessAt: round?.lastSuccess?.endedAt ?? null,
      eventsColoured: round ? round.eventsColoured : null,
      lastError: round ? roundErrorInWords(round) : null,
    };
  }
}

function requireAdmin(p: Principal): void {
  if (!p.isAdmin) throw forbidden('only CalSync admins can see and run the sync');
}

/**
 * When the change made at `changeAt` had reached every mailbox: each one's last successful round started after
 * it (rounds read rules and settings as they start); the latest of those rounds' ends. Null while any has not.
 */
function appliedAt(changeAt: string, states: Array<StoredSyncState | undefined>): string | null {
  let latest: string | null = null;
  for (const s of states) {
    const success = s?.lastRound?.lastSuccess;
    if (!success || success.startedAt < changeAt) return null;
    if (latest === null || success.endedAt > latest) latest = success.endedAt;
  }
  return latest;
}
