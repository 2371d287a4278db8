/**
 * The tenant directory the API reads (DirectoryReader), over Graph with each tenant's own client: people and team
 * search, team names, a user's teams and a group's mailboxes. The sync runtime serves it as part of its control;
 * an API that runs without the sync opens one of its own (main.ts), so team rules, the pickers and the seat count
 * work wherever the API runs.
 */
import type { Client } from '@microsoft/microsoft-graph-client';
import type { DirectoryReader } from '../domain/sync-control';
import { cachedGroupNames, searchGraphGroups } from './graph-groups';
import { listGroupMembers, searchGraphUsers } from './graph-users';
import { graphGroupMembership } from './group-membership';

export type GraphDirectory = Required<DirectoryReader>;

export function graphDirectory(clientFor: (tenantId: string) => Client): GraphDirectory {
  return {
    searchDirectory: (tenantId, text, limit) => searchGraphUsers(clientFor(tenantId), text, limit),
    searchGroups: (tenantId, text, limit) => searchGraphGroups(clientFor(tenantId), text, limit),
    groupsByIds: cachedGroupNames(clientFor),
    memberOf: graphGroupMembership(clientFor),
    groupMailboxes: async (tenantId, groupId) => (await listGroupMembers(clientFor(tenantId), groupId)).map((u) => u.address),
  };
}
