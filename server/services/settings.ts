import { z } from 'zod';
import type { Principal } from '../domain/principal';
import { DomainError, forbidden } from '../domain/errors';
import type { Stores, StoredSettings, TenantSettings } from '../store/types';
import type { ApiSettings } from '../../shared/api-types';
import { SETTINGS_LIMITS, SYNC_WINDOW_LIMITS } from '../../shared/limits';
import { GUID } from '../../shared/guid';
import { DEFAULT_SETTINGS } from '../../shared/settings-defaults';
import { AuditLog } from './audit';
import { checkIfMatch, httpEtag } from './etag';
import { KeyedCache } from './keyed-cache';
import { parseBody } from './request-bodies';
import { TenantService } from './tenants';

/** The ETag of a tenant's settings before anyone saved them; If-Match with it creates them. */
export const DEFAULT_SETTINGS_ETAG = '"default"';

const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
/** A mailbox address as settings and the admin's calls take it. */
export const MAILBOX = /^[^\s@,;<>]{1,64}@[a-z0-9.-]{1,253}$/;

/** A day count of the sync window; the message names the bounds (the add-in shows it at the field). */
function days(max: number) {
  const words = `expected a whole number of days from 0 to ${max}`;
  return z.number({ error: words }).int({ error: words }).min(0, { error: words }).max(max, { error: words });
}

export const SettingsSchema = z.strictObject({
  internalDomains: z.array(z.string().trim().toLowerCase().regex(DOMAIN, 'expected a domain like contoso.com')).max(500),
  enrolledMailboxes: z.union([z.literal('all'), z.array(z.string().trim().toLowerCase().regex(MAILBOX, 'expected an email address')).max(50_000)]),
  // Absent: kept as saved (a client that predates groups must not clear them).
  enrolledGroups: z
    .array(z.string().trim().toLowerCase().regex(GUID, 'expected an Entra group object id (a GUID)'))
    .max(SETTINGS_LIMITS.enrolledGroupsMax)
    .optional(),
  syncWindowDays: z.strictObject({ past: days(SYNC_WINDOW_LIMITS.maxPastDays), future: days(SYNC_WINDOW_LIMITS.maxFutureDays) }),
  orgRulesLocked: z.boolean(),
  // Absent: kept as saved, like enrolledGroups.
  categoryPolicy: z.enum(['enforce', 'allow'], { error: 'expected enforce or allow' }).optional(),
});

/** Settings as the API returns them (shared/api-types.ts, which the add-in reads too). */
export type { ApiSettings };

export function toApiSettings(s: StoredSettings | undefined): ApiSettings {
  if (!s) return { ...DEFAULT_SETTINGS, etag: DEFAULT_SETTINGS_ETAG, updatedAt: null, updatedBy: null };
  const { internalDomains, enrolledMailboxes, enrolledGroups = [], syncWindowDays, orgRulesLocked, categoryPolicy = 'enforce' } = s;
  return {
    internalDomains,
    enrolledMailboxes,
    enrolledGroups,
    syncWindowDays,
    orgRulesLocked,
    categoryPolicy,
    etag: httpEtag(s.etag),
    updatedAt: s.updatedAt,
    updatedBy: s.updatedBy,
  };
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

function settingsOf(s: StoredSettings | undefined): TenantSettings {
  if (!s) return DEFAULT_SETTINGS;
  const { internalDomains, enrolledMailboxes, enrolledGroups = [], syncWindowDays, orgRulesLocked, categoryPolicy = 'enforce' } = s;
  return { internalDomains, enrolledMailboxes, enrolledGroups, syncWindowDays, orgRulesLocked, categoryPolicy };
}

export interface SettingsServiceOptions {
  /**
   * How long another instance's settings write may take to show in `effective` (what previews evaluate
   * with; default 2 s like the effective rules; 0 = no cache). Writes through this instance show at once.
   */
  cacheTtlMs?: number;
  /** The cache's clock, epoch ms (default Date.now); tests move it instead of sleeping through the TTL. */
  cacheClock?: () => number;
  /**
   * A group's mailboxes, transitively (the directory's DirectoryReader.groupMailboxes): enrolled groups count
   * against the seats by their members. Absent (no Graph access here), only the named mailboxes are counted and the
   * sync caps the rest to the seats.
   */
  groupMailboxes?: (tenantId: string, groupId: string) => Promise<string[]>;
}

export class SettingsService {
  private readonly audit: AuditLog;
  /** Per tenant; wrapped so "never saved" (undefined) is cached too. */
  private readonly cache: KeyedCache<{ settings: StoredSettings | undefined }>;
  private readonly tenants: TenantService;
  private readonly groupMailboxes: SettingsServiceOptions['groupMailboxes'];

  constructor(
    private readonly stores: Stores,
    private readonly now: () => Date = () => new Date(),
    /** Called with the tenant after each successful write (the background sync re-runs its mailboxes); must not throw (createApp guards it). */
    private readonly onChanged?: (tenantId: string) => void,
    options: SettingsServiceOptions = {},
  ) {
    this.audit = new AuditLog(stores.audit, now);
    this.cache = new KeyedCache(options.cacheTtlMs ?? 2000, undefined, options.cacheClock);
    this.tenants = new TenantService(stores, { now });
    this.groupMailboxes = options.groupMailboxes;
  }

  /** Straight from the store: what GET /api/settings returns, with the ETag an admin writes against. */
  async get(p: Principal): Promise<StoredSettings | undefined> {
    return this.stores.settings.get(p.tenantId);
  }

  /** The tenant's settings for evaluation (every preview needs them): cached per tenant, dropped on a write. */
  async effective(p: Principal): Promise<TenantSettings> {
    const { value } = await this.cache.getOrLoad(p.tenantId, async () => ({ settings: await this.stores.settings.get(p.tenantId) }));
    return settingsOf(value.settings);
  }

  async put(p: Principal, body: unknown, ifMatch: string | undefined): Promise<StoredSettings> {
    if (!p.isAdmin) throw forbidden('only CalSync admins can change settings');
    const body2 = body && typeof body === 'object' && !Array.isArray(body) ? { ...(body as Record<string, unknown>) } : body;
    if (body2 && typeof body2 === 'object') {
      for (const k of ['etag', 'updatedAt', 'updatedBy']) delete (body2 as Record<string, unknown>)[k];
    }
    const next = parseBody(SettingsSchema, body2, 'settings');
    next.internalDomains = [...new Set(next.internalDomains)];
    if (Array.isArray(next.enrolledMailboxes)) next.enrolledMailboxes = [...new Set(next.enrolledMailboxes)];
    const current = await this.get(p);
    checkIfMatch(ifMatch, current?.etag ?? DEFAULT_SETTINGS_ETAG);
    next.enrolledGroups = [...new Set(next.enrolledGroups ?? current?.enrolledGroups ?? [])];
    next.categoryPolicy = next.categoryPolicy ?? current?.categoryPolicy ?? 'enforce';
    // A named list and its groups' members are counted against the seats; 'all' follows the directory, which the
    // sync caps (issue #15).
    if (Array.isArray(next.enrolledMailboxes)) await this.checkSeats(p.tenantId, next.enrolledMailboxes, next.enrolledGroups, current);
    // Before and after the write, so no read that straddles it is cached (see KeyedCache).
    this.cache.invalidate(p.tenantId);
    let saved: StoredSettings;
    try {
      saved = await this.stores.settings.put(
        { ...next, tenantId: p.tenantId, updatedAt: this.now().toISOString(), updatedBy: p.userId },
        current ? current.etag : null,
      );
    } finally {
      this.cache.invalidate(p.tenantId);
    }
    this.onChanged?.(p.tenantId);
    await this.audit.record(p, { action: 'settings', scope: 'settings', ownerId: null, ruleId: null, before: settingsOf(current), after: next });
    return saved;
  }

  /**
   * The named mailboxes and every member of the enrolled groups, each once, against the plan's seats. The groups are
   * read from the directory only when the enrolment changes: a team that grew past the seats does not block an
   * unrelated setting (the sync caps what it syncs), and a save that keeps the enrolment costs no Graph call.
   */
  private async checkSeats(tenantId: string, mailboxes: string[], groups: string[], current: StoredSettings | undefined): Promise<void> {
    const read = this.groupMailboxes;
    const before = current?.enrolledMailboxes;
    const unchanged = sameSet(groups, current?.enrolledGroups ?? []) && Array.isArray(before) && sameSet(mailboxes, before);
    if (!read || groups.length === 0 || unchanged) return this.tenants.checkSeats(tenantId, mailboxes.length);
    await this.tenants.checkSeats(tenantId, async () => {
      const all = new Set(mailboxes);
      let members: string[][];
      try {
        members = await Promise.all(groups.map((g) => read(tenantId, g)));
      } catch {
        throw new DomainError(
          'unavailable',
          "the enrolled teams' members could not be read from the directory to count them against the seats; try again shortly",
          [],
          30,
        );
      }
      for (const list of members) for (const m of list) all.add(m.toLowerCase());
      return all.size;
    });
  }
}
