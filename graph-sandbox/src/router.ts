import { requestCost } from './directory-throttling';
import type { Route, SandboxContext, SandboxRequest, SandboxResponse } from './context';
import { scriptedStatusError } from './faults';
import { errorResponse } from './error-response';
import { noMailboxMessages } from './directory-paging';
import { GraphError } from './graph-error';
import { batchRoutes } from './routes/batch';
import { calendarViewRoutes } from './routes/calendar-view';
import { categoryRoutes } from './routes/categories';
import { deltaRoutes } from './routes/delta';
import { directoryObjectRoutes } from './routes/directory-objects';
import { eventRoutes } from './routes/events';
import { groupRoutes } from './routes/groups';
import { groupDeltaRoutes } from './routes/groups-delta';
import { subscriptionRoutes } from './routes/subscriptions';
import { organizationRoutes } from './routes/organization';
import { userRoutes } from './routes/users';

// $batch runs its inner requests through executeGraphRequest; it is handed the function rather than importing this file.
const routes: Route[] = [
  ...userRoutes,
  ...organizationRoutes,
  // Before groupRoutes: `/groups/delta` would otherwise be read as the group with id "delta".
  ...groupDeltaRoutes,
  ...groupRoutes,
  ...directoryObjectRoutes,
  ...eventRoutes,
  ...deltaRoutes,
  ...calendarViewRoutes,
  ...categoryRoutes,
  ...subscriptionRoutes,
  ...batchRoutes(executeGraphRequest),
];

function findRoute(req: SandboxRequest): { route: Route; params: string[] } | GraphError {
  let pathMatched = false;
  for (const route of routes) {
    const match = route.pattern.exec(req.path);
    if (!match) continue;
    pathMatched = true;
    if (route.method === req.method) return { route, params: match.slice(1).map((p) => decodeURIComponent(p ?? '')) };
  }
  return pathMatched
    ? new GraphError(405, 'Request_BadRequest', `The HTTP method '${req.method}' is not allowed for this resource.`)
    : new GraphError(400, 'BadRequest', `Resource not found for the segment '${req.path.split('/').filter(Boolean).pop() ?? ''}'.`);
}

/** Entra's charge for a directory request, by the tenant's size unless a budget is configured. */
function chargeDirectory(ctx: SandboxContext, req: SandboxRequest, baseCost: number): Record<string, string> {
  const sized = ctx.directoryThrottle.limits.resourceUnitsPerWindow === null;
  const users = sized ? ctx.store.mailboxes(req.tenantId).length + ctx.store.groups.directoryUsers(req.tenantId).length : 0;
  return ctx.directoryThrottle.charge(req.appId, req.tenantId, requestCost(baseCost, req.query), users);
}

/**
 * Runs one Graph request: throttling per app and mailbox, accounting, the handler, errors as Graph bodies.
 * `holdMs` keeps the mailbox slot busy for that long first (the injected latency), so concurrency is real.
 */
export async function executeGraphRequest(ctx: SandboxContext, req: SandboxRequest, holdMs: number): Promise<SandboxResponse> {
  if (req.inner) {
    // A request inside a $batch meets its own scripted fault (the top level's are met in http-server.ts).
    const fault = ctx.faults.takeScripted(req);
    if (fault?.kind === 'status') {
      ctx.accounting.countScriptedFault(fault.status);
      return errorResponse(req, scriptedStatusError(fault));
    }
  }
  const found = findRoute(req);
  if (found instanceof GraphError) return errorResponse(req, found);
  const { route, params } = found;
  let release: (() => void) | undefined;
  let mailboxUpn: string | null = null;
  let identityHeaders: Record<string, string> | undefined;
  try {
    if (route.identityCost !== undefined) identityHeaders = chargeDirectory(ctx, req, route.identityCost);
    if (route.mailboxScoped) {
      const mailbox = ctx.store.findMailbox(params[0] as string);
      mailboxUpn = mailbox?.userPrincipalName.toLowerCase() ?? (params[0] as string).toLowerCase();
      if (mailbox) ctx.accounting.countTokenUse(mailboxUpn, req.tenantId, mailbox.tenantId);
      // Another tenant's mailbox does not exist for this token (see SandboxStore.mailboxOfTenant).
      if (mailbox) ctx.store.mailboxOfTenant(params[0] as string, req.tenantId);
      else if (!route.servesUsersWithoutMailbox) {
        // A user of the directory without an Exchange mailbox: Graph finds the user, Exchange has no mailbox for it.
        const user = ctx.store.groups.findInTenant(params[0] as string, req.tenantId);
        if (user && 'directoryUser' in user) throw new GraphError(404, 'MailboxNotEnabledForRESTAPI', noMailboxMessages[ctx.directory.noMailboxMessage]);
      }
      const slot = ctx.throttle.acquire(req.appId, mailboxUpn);
      release = slot.release;
      ctx.accounting.observeConcurrency(mailboxUpn, slot.inFlight);
      ctx.accounting.countMailboxRequest(mailboxUpn, req.method, req.inner, req.method === 'PATCH' ? params[1] : undefined);
    }
    if (holdMs > 0) {
      // Counted where it is served: a request throttled above never waits.
      ctx.accounting.countLatency(holdMs);
      await new Promise((resolve) => setTimeout(resolve, holdMs));
    }
    const response = await route.handler(ctx, req, params);
    return identityHeaders ? { ...response, headers: { ...response.headers, ...identityHeaders } } : response;
  } catch (error) {
    if (error instanceof GraphError) {
      if (error.status === 429) ctx.accounting.countThrottled(mailboxUpn);
      return errorResponse(req, error);
    }
    ctx.logger.error({ err: error, path: req.path }, 'sandbox handler failed');
    return errorResponse(req, new GraphError(500, 'generalException', 'An unexpected error occurred in the Graph sandbox.'));
  } finally {
    release?.();
  }
}
