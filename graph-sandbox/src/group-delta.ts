/**
 * What one round of `/groups/delta` lists, and how it is cut into pages
 * (https://learn.microsoft.com/graph/api/group-delta, https://learn.microsoft.com/graph/delta-query-groups):
 *
 * - First round: every group of the tenant (those the `$filter` names), each with all its direct members.
 * - Later rounds: only the groups changed since the token's sequence. A group's membership is given as the net
 *   change (a member added then removed within the interval is not listed); new members as plain entries, departed
 *   ones with `@removed`. A group created and deleted within the interval is not listed at all.
 * - A deleted group is `{ id, "@removed": { "reason": "changed" } }`: Entra deletes groups softly (restorable for
 *   30 days), and the delta overview gives "changed" for an item that can be restored and "deleted" for one
 *   that is gone for good (https://learn.microsoft.com/graph/delta-query-overview#resource-representation-in-the-delta-query-response).
 * - Pages: a page holds up to `groupsPerPage` groups and `membersPerPage` member entries; a group with more members
 *   than a page has room for continues on the next page, listed again with the rest of its `members@delta`
 *   (microsoftgraph/microsoft-graph-docs PR #2855, membership changes through delta; msgraph-sdk-dotnet#574: a
 *   group of 9,993 members came back on 20 pages, so about 500 members a page — the default here).
 */
import type { GroupChangeLog, MemberKind } from './group-changes';

export interface MemberDelta {
  id: string;
  kind: MemberKind;
  removed: boolean;
}

export interface GroupDeltaEntry {
  groupId: string;
  /** The group was deleted since the token's round. */
  removed: boolean;
  members: MemberDelta[];
}

export interface RoundScope {
  tenantId: string;
  /** Lower-cased ids of `$filter=id eq '…' or …`; null without a filter. */
  ids: string[] | null;
  /** The token's sequence; null for the first round. */
  from: number | null;
  /** The sequence the round is computed at (its deltaLink carries it). */
  to: number;
  /**
   * First round only: also list members that left before the round, with `@removed`. Reported for a delta scoped
   * by `$filter=id eq` (microsoftgraph/microsoft-graph-docs#17513), so only such rounds do it.
   */
  includeRemoved: boolean;
}

const plain = ([id, kind]: [string, MemberKind]): MemberDelta => ({ id, kind, removed: false });
const gone = ([id, kind]: [string, MemberKind]): MemberDelta => ({ id, kind, removed: true });

export function roundEntries(log: GroupChangeLog, scope: RoundScope): GroupDeltaEntry[] {
  const now = log.replay(scope.to);
  const wanted = scope.ids === null ? null : new Set(scope.ids);
  const inScope = [...now.values()].filter((g) => g.tenantId === scope.tenantId && (wanted === null || wanted.has(g.id)));
  if (scope.from === null) {
    return inScope
      .filter((g) => g.exists)
      .map((g) => {
        const members = [...g.members].map(plain);
        if (scope.includeRemoved && scope.ids !== null) members.push(...[...g.everMembers].filter(([id]) => !g.members.has(id)).map(gone));
        return { groupId: g.id, removed: false, members };
      });
  }
  const before = log.replay(scope.from);
  const changed = log.changedBetween(scope.from, scope.to);
  const out: GroupDeltaEntry[] = [];
  for (const g of inScope) {
    if (!changed.has(g.id)) continue;
    const old = before.get(g.id);
    const known = old?.exists ?? false;
    if (!g.exists) {
      if (known) out.push({ groupId: g.id, removed: true, members: [] });
      continue;
    }
    if (!known || !old) {
      out.push({ groupId: g.id, removed: false, members: [...g.members].map(plain) });
      continue;
    }
    const added = [...g.members].filter(([id]) => !old.members.has(id)).map(plain);
    const left = [...old.members].filter(([id]) => !g.members.has(id)).map(gone);
    if (added.length + left.length > 0) out.push({ groupId: g.id, removed: false, members: [...added, ...left] });
  }
  return out;
}

/** Where a round's next page starts: an entry, and how many of its members earlier pages listed. */
export interface PageCursor {
  entry: number;
  member: number;
}

export interface PageLimits {
  groupsPerPage: number;
  membersPerPage: number;
  /** Without `members` in `$select` no member entries are sent, so none count against the page. */
  withMembers: boolean;
}

/** The page starting at `cursor`, and the next page's cursor (null on the last page). */
export function pageOf(entries: GroupDeltaEntry[], cursor: PageCursor, limits: PageLimits): { items: GroupDeltaEntry[]; next: PageCursor | null } {
  const items: GroupDeltaEntry[] = [];
  let { entry, member } = cursor;
  let room = limits.membersPerPage;
  while (entry < entries.length && items.length < limits.groupsPerPage) {
    const e = entries[entry] as GroupDeltaEntry;
    const rest = limits.withMembers ? e.members.slice(member) : [];
    if (rest.length > room) {
      if (room === 0) break;
      // The group continues on the next page with the members that did not fit.
      items.push({ ...e, members: rest.slice(0, room) });
      member += room;
      break;
    }
    items.push({ ...e, members: rest });
    room -= rest.length;
    entry++;
    member = 0;
  }
  return { items, next: entry < entries.length ? { entry, member } : null };
}
