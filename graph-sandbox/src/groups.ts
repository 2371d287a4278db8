/**
 * Entra groups and the directory users who have no mailbox, per tenant: what `/groups`, `transitiveMembers`,
 * `transitiveMemberOf` and `directoryObjects/getByIds` read, and what tests change between sync rounds.
 *
 * - Nesting: a group may have users and other groups as members; the transitive operations return a flat,
 *   de-duplicated list of every nested member (https://learn.microsoft.com/graph/api/group-list-transitivemembers).
 * - Cycles: Entra lets an admin make groups members of each other, even a group a member of itself (the portal
 *   accepted it: MicrosoftDocs/azure-docs#43313, "Group member of itself?"; directory audits report circular nesting
 *   in Entra ID, e.g. Netwrix Access Analyzer's AAD_CircularNesting job). How Graph lists such a group's own id
 *   is not documented; the sandbox never lists the group asked about among its own members, and never loops.
 * - Deleting a group removes it from the groups it was a member of (it is no longer a directory object).
 * - Every change is written to a change log (group-changes.ts), which `/groups/delta` replays.
 */
import { GroupChangeLog } from './group-changes';
import type { DirectoryGroup, DirectoryUser, Mailbox } from './model';
import { newUserId } from './ids';
import type { SandboxStore } from './store';

export interface GroupInput {
  id?: string;
  /** Default: the home tenant. */
  tenantId?: string;
  displayName: string;
  mail?: string | null;
  description?: string | null;
  /** Object ids of users or groups, or users' UPNs. */
  members?: string[];
}

export interface DirectoryUserInput {
  id?: string;
  tenantId?: string;
  userPrincipalName: string;
  displayName: string;
}

/** A user as the directory sees it: one with a mailbox, or one without. */
export type DirectoryMemberUser = { kind: 'user'; mailbox: Mailbox } | { kind: 'user'; directoryUser: DirectoryUser };
export type DirectoryObject = DirectoryMemberUser | { kind: 'group'; group: DirectoryGroup };

const sameId = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

export class GroupDirectory {
  private readonly groups = new Map<string, DirectoryGroup>();
  private readonly users = new Map<string, DirectoryUser>();
  private readonly usersByUpn = new Map<string, DirectoryUser>();
  /** What changed and when, for `/groups/delta`. */
  readonly changes = new GroupChangeLog();

  constructor(private readonly store: SandboxStore) {}

  addDirectoryUser(input: DirectoryUserInput): DirectoryUser {
    const upn = input.userPrincipalName.toLowerCase();
    if (this.usersByUpn.has(upn) || this.store.findMailbox(upn)) throw new Error(`user ${upn} already exists`);
    const tenantId = (input.tenantId ?? this.store.directory.tenantOfUpn(upn)?.id ?? this.store.tenantId).toLowerCase();
    if (!this.store.directory.find(tenantId)) throw new Error(`no sandbox tenant ${tenantId}`);
    const user: DirectoryUser = {
      id: (input.id ?? newUserId()).toLowerCase(),
      tenantId,
      userPrincipalName: input.userPrincipalName,
      displayName: input.displayName,
    };
    this.users.set(user.id, user);
    this.usersByUpn.set(upn, user);
    return user;
  }

  directoryUsers(tenantId?: string): DirectoryUser[] {
    const all = [...this.users.values()];
    return tenantId === undefined ? all : all.filter((u) => u.tenantId === tenantId.toLowerCase());
  }

  /** Creates a group; its members must exist already (use addMember afterwards for cycles or forward references). */
  createGroup(input: GroupInput): DirectoryGroup {
    const id = (input.id ?? newUserId()).toLowerCase();
    if (this.groups.has(id)) throw new Error(`group ${id} already exists`);
    const tenantId = (input.tenantId ?? this.store.tenantId).toLowerCase();
    if (!this.store.directory.find(tenantId)) throw new Error(`no sandbox tenant ${tenantId}`);
    const group: DirectoryGroup = {
      id,
      tenantId,
      displayName: input.displayName,
      mail: input.mail ?? null,
      description: input.description ?? null,
      createdMs: this.store.now(),
      members: new Set(),
    };
    this.groups.set(id, group);
    this.changes.record({ kind: 'created', groupId: id, tenantId });
    for (const member of input.members ?? []) this.addMember(id, member);
    return group;
  }

  deleteGroup(groupId: string): void {
    const group = this.requireGroup(groupId);
    this.groups.delete(group.id);
    for (const other of this.groups.values()) {
      // Its parents lose a direct member. How Graph's delta reports this is undocumented; the sandbox logs it as a
      // removal so a client mirroring direct membership stays right.
      if (other.members.delete(group.id))
        this.changes.record({ kind: 'memberRemoved', groupId: other.id, tenantId: other.tenantId, memberId: group.id, memberKind: 'group' });
    }
    this.changes.record({ kind: 'deleted', groupId: group.id, tenantId: group.tenantId });
  }

  /** Adds a user (id or UPN, with or without a mailbox) or a group (id) of the group's tenant; adding twice is a no-op. */
  addMember(groupId: string, member: string): void {
    const group = this.requireGroup(groupId);
    const found = this.find(member);
    if (!found) throw new Error(`no user or group ${member}`);
    if (tenantOf(found) !== group.tenantId) throw new Error(`${member} is not in the tenant of group ${group.displayName}`);
    const id = objectId(found);
    if (group.members.has(id)) return;
    group.members.add(id);
    this.changes.record({ kind: 'memberAdded', groupId: group.id, tenantId: group.tenantId, memberId: id, memberKind: found.kind });
  }

  removeMember(groupId: string, member: string): void {
    const group = this.requireGroup(groupId);
    const found = this.find(member);
    const id = found ? objectId(found) : member.toLowerCase();
    if (!group.members.delete(id)) return;
    const memberKind = found?.kind ?? this.changes.kindOf(group.id, id);
    this.changes.record({ kind: 'memberRemoved', groupId: group.id, tenantId: group.tenantId, memberId: id, memberKind });
  }

  group(groupId: string): DirectoryGroup | undefined {
    return this.groups.get(groupId.toLowerCase());
  }

  list(tenantId?: string): DirectoryGroup[] {
    const all = [...this.groups.values()];
    return tenantId === undefined ? all : all.filter((g) => g.tenantId === tenantId.toLowerCase());
  }

  /** A user (by object id or UPN; mailbox or not) or a group (by id). */
  find(idOrUpn: string): DirectoryObject | undefined {
    const key = idOrUpn.toLowerCase();
    const group = this.groups.get(key);
    if (group) return { kind: 'group', group };
    const user = this.users.get(key) ?? this.usersByUpn.get(key);
    if (user) return { kind: 'user', directoryUser: user };
    // Object ids are GUIDs, compared without regard to case; seeded mailbox ids may be written either way.
    const mailbox = this.store.findMailbox(idOrUpn) ?? this.store.mailboxes().find((m) => sameId(m.id, idOrUpn));
    return mailbox ? { kind: 'user', mailbox } : undefined;
  }

  /** As `find`, but only in one tenant: another tenant's object does not exist for its token. */
  findInTenant(idOrUpn: string, tenantId: string): DirectoryObject | undefined {
    const found = this.find(idOrUpn);
    return found && tenantOf(found) === tenantId.toLowerCase() ? found : undefined;
  }

  /**
   * Every member reachable from the group, breadth first in the order members were added, each object once; the
   * group itself is never among them, and a cycle ends where it meets a group already visited.
   */
  transitiveMembers(group: DirectoryGroup): DirectoryObject[] {
    const seen = new Set<string>([group.id]);
    const out: DirectoryObject[] = [];
    const queue: DirectoryGroup[] = [group];
    for (let g = queue.shift(); g; g = queue.shift()) {
      for (const id of g.members) {
        if (seen.has(id)) continue;
        seen.add(id);
        const found = this.find(id);
        // A member deleted from the directory (a mailbox-less user or a group) is no longer listed.
        if (!found) continue;
        out.push(found);
        if (found.kind === 'group') queue.push(found.group);
      }
    }
    return out;
  }

  /** Every group the object is a member of, directly or through nested groups, each once, nearest first. */
  transitiveMemberOf(objectIdValue: string): DirectoryGroup[] {
    const start = objectIdValue.toLowerCase();
    const seen = new Set<string>([start]);
    const out: DirectoryGroup[] = [];
    const queue: string[] = [start];
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      for (const g of this.groups.values()) {
        if (!g.members.has(id) || seen.has(g.id)) continue;
        seen.add(g.id);
        out.push(g);
        queue.push(g.id);
      }
    }
    return out;
  }

  private requireGroup(groupId: string): DirectoryGroup {
    const group = this.groups.get(groupId.toLowerCase());
    if (!group) throw new Error(`no group ${groupId}`);
    return group;
  }
}

export function objectId(o: DirectoryObject): string {
  if (o.kind === 'group') return o.group.id;
  return 'mailbox' in o ? o.mailbox.id.toLowerCase() : o.directoryUser.id;
}

export function tenantOf(o: DirectoryObject): string {
  if (o.kind === 'group') return o.group.tenantId;
  return 'mailbox' in o ? o.mailbox.tenantId : o.directoryUser.tenantId;
}
