/**
 * The mailboxes of each enrolled group (issue #16), per tenant, read again every `checkEveryMs` — with Graph delta
 * on groups where it saves requests. Listing a group costs a request per 999 members every interval; a delta check
 * costs one request per 50 watched groups (the enrolled ones and every group nested in them) and says whether any
 * direct membership changed. So a tenant whose listings take more requests than its delta checks is checked by
 * delta and listed again only when something changed; one whose groups are small is simply listed, as before.
 * A member who gets or loses a mailbox changes no group: everything is listed again every `relistEveryMs` anyway.
 * The delta baseline is taken before the listing it guards, so a change made while listing shows at the next check.
 */
import type { Client } from '@microsoft/microsoft-graph-client';
import type { Logger } from 'pino';
import { listNestedGroupIds } from './graph-groups';
import { readGroupMembers } from './graph-users';
import { GROUP_DELTA_IDS_MAX, groupDeltaRound, groupDeltaStart } from './group-delta';
import { safeError } from './safe-error';

export interface GroupMembersTrackerOptions {
  /** How often a tenant's groups are read again (the schedule's interval). */
  checkEveryMs: number;
  /** Every group listed in full at least this often, delta or not (default 24 hours). */
  relistEveryMs?: number;
  now?: () => Date;
  logger?: Logger;
}

interface GroupListing {
  /** Mailbox address (lower-case) → the user's object id, in Graph's order. */
  members: Map<string, string>;
  /** Requests the member listing took: what a check by listing costs for this group. */
  requests: number;
  /** Nested groups, when listed (only while the tenant is checked by delta). */
  nested?: string[];
  askedAt: number;
}

interface TenantGroups {
  listings: Map<string, GroupListing>;
  /** Over `watched`, one per GROUP_DELTA_IDS_MAX ids; undefined: the next check lists. */
  deltaLinks?: string[];
  watched: string[];
  checkedAt: number;
  listedAt: number;
}

/** Graph requests the tracker made, by kind (bench:groups and tests count them). */
export interface GroupTrackerCounts {
  listingRequests: number;
  deltaRequests: number;
}

export class GroupMembersTracker {
  private readonly tenants = new Map<string, TenantGroups>();
  /** One read at a time per tenant: the scheduler's ticks and a settings save that ask together share it. */
  private readonly busy = new Map<string, Promise<unknown>>();
  private readonly now: () => number;
  readonly counts: GroupTrackerCounts = { listingRequests: 0, deltaRequests: 0 };

  constructor(
    private readonly clientFor: (tenantId: string) => Client,
    private readonly options: GroupMembersTrackerOptions,
  ) {
    const clock = options.now;
    this.now = clock ? () => clock().getTime() : Date.now;
  }

  /** The group's mailbox addresses (lower-case). Throws what Graph throws: enrolment is never cut on a guess. */
  addresses(tenantId: string, groupId: string): Promise<string[]> {
    const previous = this.busy.get(tenantId) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => this.read(tenantId, groupId.toLowerCase()));
    this.busy.set(tenantId, next);
    void next.catch(() => undefined).finally(() => this.busy.get(tenantId) === next && this.busy.delete(tenantId));
    return next;
  }

  /** The object id of a member with this address, from the last listings (no Graph call); undefined when unlisted. */
  ownerOf(tenantId: string, address: string): string | undefined {
    const wanted = address.toLowerCase();
    for (const listing of this.tenants.get(tenantId)?.listings.values() ?? []) {
      const id = listing.members.get(wanted);
      if (id) return id;
    }
    return undefined;
  }

  private async read(tenantId: string, groupId: string): Promise<string[]> {
    const now = this.now();
    let tenant = this.tenants.get(tenantId);
    if (!tenant) {
      tenant = { listings: new Map(), watched: [], checkedAt: now, listedAt: now };
      this.tenants.set(tenantId, tenant);
    }
    const kept = tenant.listings.get(groupId);
    if (!kept) {
      // Newly enrolled: listed now; the delta must watch it and its nested groups, so the next check lists all.
      const listing = await this.list(tenantId, groupId, now, false);
      tenant.listings.set(groupId, listing);
      tenant.deltaLinks = undefined;
      return [...listing.members.keys()];
    }
    kept.askedAt = now;
    if (now - tenant.checkedAt >= this.options.checkEveryMs) await this.check(tenantId, tenant, now);
    return [...(tenant.listings.get(groupId) ?? kept).members.keys()];
  }

  private async check(tenantId: string, tenant: TenantGroups, now: number): Promise<void> {
    if (tenant.deltaLinks && now - tenant.listedAt < (this.options.relistEveryMs ?? 24 * 3_600_000)) {
      try {
        let changed = false;
        const links: string[] = [];
        for (const link of tenant.deltaLinks) {
          const round = await groupDeltaRound(this.clientFor(tenantId), link);
          this.counts.deltaRequests += round.requests;
          changed ||= round.changed.size > 0;
          links.push(round.deltaLink);
        }
        tenant.deltaLinks = links;
        if (!changed) {
          tenant.checkedAt = now;
          return;
        }
      } catch (err) {
        // An expired or refused token, a link that never ends: listing is always right, only dearer.
        this.options.logger?.warn({ err: safeError(err), tenantId }, 'groups delta failed; listing the enrolled groups instead');
      }
    }
    await this.relist(tenantId, tenant, now);
  }

  private async relist(tenantId: string, tenant: TenantGroups, now: number): Promise<void> {
    // Groups no longer asked for are no longer enrolled.
    for (const [id, listing] of tenant.listings) if (now - listing.askedAt > 2 * this.options.checkEveryMs) tenant.listings.delete(id);
    const listingCost = [...tenant.listings.values()].reduce((sum, l) => sum + l.requests, 0);
    const watchedBefore = new Set(tenant.watched.length > 0 ? tenant.watched : tenant.listings.keys());
    const useDelta = listingCost > Math.ceil(watchedBefore.size / GROUP_DELTA_IDS_MAX);
    let links: string[] | undefined;
    if (useDelta) {
      try {
        links = await this.startDelta(tenantId, [...watchedBefore].sort());
      } catch (err) {
        this.options.logger?.warn({ err: safeError(err), tenantId }, 'groups delta could not start; the enrolled groups are listed at each check');
      }
    }
    const listings = new Map<string, GroupListing>();
    for (const [id, old] of tenant.listings) listings.set(id, { ...(await this.list(tenantId, id, now, useDelta)), askedAt: old.askedAt });
    const watched = new Set(listings.keys());
    for (const l of listings.values()) for (const nested of l.nested ?? []) watched.add(nested);
    tenant.listings = listings;
    tenant.watched = [...watched].sort();
    // The baseline guards the listing only if it covered every group now watched (a new nested group: next time).
    tenant.deltaLinks = links && tenant.watched.every((id) => watchedBefore.has(id)) ? links : undefined;
    tenant.listedAt = tenant.checkedAt = now;
  }

  private async list(tenantId: string, groupId: string, now: number, withNested: boolean): Promise<GroupListing> {
    const client = this.clientFor(tenantId);
    const { members, requests } = await readGroupMembers(client, groupId);
    this.counts.listingRequests += requests;
    let nested: string[] | undefined;
    if (withNested) {
      const found = await listNestedGroupIds(client, groupId);
      this.counts.listingRequests += found.requests;
      nested = found.ids;
    }
    return { members: new Map(members.map((m) => [m.address, m.id])), requests, nested, askedAt: now };
  }

  private async startDelta(tenantId: string, ids: string[]): Promise<string[]> {
    const links: string[] = [];
    for (let i = 0; i < ids.length; i += GROUP_DELTA_IDS_MAX) {
      const round = await groupDeltaRound(this.clientFor(tenantId), groupDeltaStart(ids.slice(i, i + GROUP_DELTA_IDS_MAX)));
      this.counts.deltaRequests += round.requests;
      links.push(round.deltaLink);
    }
    return links;
  }
}
