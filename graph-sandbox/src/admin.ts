import type { SandboxContext, SandboxResponse } from './context';
import type { FaultSettings } from './faults';
import type { LifecycleEvent } from './subscriptions';
import type { ThrottleLimits } from './throttling';
import type { GroupInput } from './groups';

const controlError = (message: string): SandboxResponse => ({ status: 400, body: { error: { code: 'BadRequest', message } } });

/**
 * `/_sandbox/groups` (POST create, DELETE `/{id}`), `/_sandbox/groups/{id}/members` (POST `{ id }`, DELETE
 * `/{memberId}`), `/_sandbox/directory-users` (POST), `PATCH /_sandbox/directory` (DirectoryOptions, the group delta's too): membership
 * changed by a test or the demo between sync rounds.
 */
function groupsControl(ctx: SandboxContext, method: string, path: string, body: unknown): SandboxResponse | null {
  const groups = ctx.store.groups;
  const input = (body ?? {}) as Record<string, unknown>;
  try {
    if (path === '/_sandbox/groups' && method === 'POST') {
      if (typeof input.displayName !== 'string') return controlError('displayName is required.');
      return { status: 201, body: { id: groups.createGroup(input as unknown as GroupInput).id } };
    }
    if (path === '/_sandbox/directory-users' && method === 'POST') {
      if (typeof input.userPrincipalName !== 'string' || typeof input.displayName !== 'string')
        return controlError('userPrincipalName and displayName are required.');
      return { status: 201, body: { id: groups.addDirectoryUser({ userPrincipalName: input.userPrincipalName, displayName: input.displayName }).id } };
    }
    if (path === '/_sandbox/directory' && method === 'PATCH') {
      if (typeof input.castRequiresAdvancedQuery === 'boolean')
        ctx.directory = { ...ctx.directory, castRequiresAdvancedQuery: input.castRequiresAdvancedQuery };
      if (input.noMailboxMessage === 'inactive' || input.noMailboxMessage === 'notSupported')
        ctx.directory = { ...ctx.directory, noMailboxMessage: input.noMailboxMessage };
      for (const key of ['groupDeltaGroupsPerPage', 'groupDeltaMembersPerPage'] as const) {
        const value = input[key];
        if (typeof value === 'number' && Number.isInteger(value) && value >= 1) ctx.directory = { ...ctx.directory, [key]: value };
      }
      if (typeof input.groupDeltaInitialIncludesRemoved === 'boolean')
        ctx.directory = { ...ctx.directory, groupDeltaInitialIncludesRemoved: input.groupDeltaInitialIncludesRemoved };
      if (input.maxPageItems === null || (typeof input.maxPageItems === 'number' && input.maxPageItems >= 1))
        ctx.directory = { ...ctx.directory, maxPageItems: input.maxPageItems };
      return { status: 200, body: ctx.directory };
    }
    const group = /^\/_sandbox\/groups\/([^/]+)$/.exec(path);
    if (group && method === 'DELETE') {
      groups.deleteGroup(decodeURIComponent(group[1] as string));
      return { status: 204 };
    }
    const members = /^\/_sandbox\/groups\/([^/]+)\/members(?:\/([^/]+))?$/.exec(path);
    if (members && method === 'POST' && !members[2]) {
      if (typeof input.id !== 'string') return controlError('id (a member object id or UPN) is required.');
      groups.addMember(decodeURIComponent(members[1] as string), input.id);
      return { status: 204 };
    }
    if (members && method === 'DELETE' && members[2]) {
      groups.removeMember(decodeURIComponent(members[1] as string), decodeURIComponent(members[2]));
      return { status: 204 };
    }
  } catch (error) {
    return controlError(error instanceof Error ? error.message : String(error));
  }
  return null;
}

const numberKeys = <T extends object>(body: unknown, allowed: Array<keyof T>): Partial<T> => {
  const out: Partial<T> = {};
  for (const key of allowed) {
    const value = (body as Record<string, unknown> | null)?.[key as string];
    if (typeof value === 'number' && Number.isFinite(value) && value >= 0) (out as Record<string, number>)[key as string] = value;
  }
  return out;
};

/**
 * `/_sandbox/*`: runtime control for a sandbox running in another process (the demo, a benchmark).
 * Not part of Graph; requires a sandbox bearer token like any Graph call.
 */
export async function adminResponse(ctx: SandboxContext, method: string, path: string, body: unknown): Promise<SandboxResponse> {
  if (path === '/_sandbox/faults' && method === 'PATCH') {
    ctx.faults.configure(
      numberKeys<FaultSettings>(body, [
        'latencyMs',
        'latencyJitterMs',
        'serviceUnavailableRate',
        'serviceUnavailableRetryAfterSeconds',
        'connectionResetRate',
        'seed',
        'deltaLoopAfterPages',
      ]),
    );
    return { status: 200, body: ctx.faults.current };
  }
  if (path === '/_sandbox/limits' && method === 'PATCH') {
    ctx.throttle.limits = { ...ctx.throttle.limits, ...numberKeys<ThrottleLimits>(body, ['maxConcurrentPerMailbox', 'requestsPerWindow', 'windowMs']) };
    return { status: 200, body: ctx.throttle.limits };
  }
  if (path === '/_sandbox/accounting' && method === 'GET') return { status: 200, body: ctx.accounting.snapshot() };
  if (path === '/_sandbox/accounting' && method === 'DELETE') {
    ctx.accounting.reset();
    return { status: 204 };
  }
  if (path === '/_sandbox/lifecycle' && method === 'POST') {
    const { subscriptionId, lifecycleEvent } = (body ?? {}) as { subscriptionId?: string; lifecycleEvent?: LifecycleEvent };
    if (!subscriptionId || !['reauthorizationRequired', 'missed', 'subscriptionRemoved'].includes(String(lifecycleEvent))) {
      return { status: 400, body: { error: { code: 'BadRequest', message: 'subscriptionId and lifecycleEvent are required.' } } };
    }
    await ctx.subscriptions.triggerLifecycle(subscriptionId, lifecycleEvent as LifecycleEvent);
    return { status: 202 };
  }
  const groups = groupsControl(ctx, method, path, body);
  if (groups) return groups;
  return { status: 404, body: { error: { code: 'NotFound', message: `No sandbox control at ${method} ${path}.` } } };
}
