/**
 * The directory's change log for `/groups/delta`: every group created or deleted and every direct member added or
 * removed, in order, each under a monotonic sequence number. A delta token remembers a sequence; the groups as
 * they stood at any sequence are the log replayed up to it, so a round's pages and the next round's changes are
 * computed from the log alone, whatever changes in between.
 *
 * Only direct membership is logged: group delta reports a group's own members, never transitive membership
 * changes (microsoftgraph/microsoft-graph-docs-contrib#2004), so a user added to a nested group is a change of the
 * nested group only.
 */

export type MemberKind = 'user' | 'group';

export type GroupChange = { groupId: string; tenantId: string } & (
  | { kind: 'created' }
  | { kind: 'deleted' }
  | { kind: 'memberAdded'; memberId: string; memberKind: MemberKind }
  | { kind: 'memberRemoved'; memberId: string; memberKind: MemberKind }
);

/** One group as the log says it stood at some sequence. */
export interface GroupState {
  id: string;
  tenantId: string;
  exists: boolean;
  /** Direct members in the order they (last) joined, with their kind. */
  members: Map<string, MemberKind>;
  /** Everyone ever a direct member up to that sequence (for the initial-round option, group-delta.ts). */
  everMembers: Map<string, MemberKind>;
}

export class GroupChangeLog {
  private readonly entries: Array<GroupChange & { seq: number }> = [];

  record(change: GroupChange): void {
    this.entries.push({ ...change, seq: this.entries.length + 1 });
  }

  /** The sequence of the latest change; 0 before any. */
  get seq(): number {
    return this.entries.length;
  }

  /** The kind a member had when it was last added to the group (removing a member no longer in the directory). */
  kindOf(groupId: string, memberId: string): MemberKind {
    for (let i = this.entries.length - 1; i >= 0; i--) {
      const e = this.entries[i] as GroupChange;
      if (e.groupId === groupId && e.kind === 'memberAdded' && e.memberId === memberId) return e.memberKind;
    }
    return 'user';
  }

  /** Every group the log knows (deleted ones too) as it stood after change `upTo`, in order of creation. */
  replay(upTo: number): Map<string, GroupState> {
    const groups = new Map<string, GroupState>();
    for (const e of this.entries) {
      if (e.seq > upTo) break;
      if (e.kind === 'created') {
        groups.set(e.groupId, { id: e.groupId, tenantId: e.tenantId, exists: true, members: new Map(), everMembers: new Map() });
        continue;
      }
      const g = groups.get(e.groupId);
      if (!g) continue;
      if (e.kind === 'deleted') g.exists = false;
      else if (e.kind === 'memberAdded') {
        g.members.set(e.memberId, e.memberKind);
        g.everMembers.set(e.memberId, e.memberKind);
      } else g.members.delete(e.memberId);
    }
    return groups;
  }

  /** Ids of the groups with a change after `after` and up to `upTo`. */
  changedBetween(after: number, upTo: number): Set<string> {
    return new Set(this.entries.filter((e) => e.seq > after && e.seq <= upTo).map((e) => e.groupId));
  }
}
