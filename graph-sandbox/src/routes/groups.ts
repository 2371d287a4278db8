/**
 * Entra groups (https://learn.microsoft.com/graph/api/resources/group):
 * - `GET /groups` with `$search` (advanced query: `ConsistencyLevel: eventual` or 400 Request_UnsupportedQuery;
 *   displayName and description, tokenised as for users: directory-query.ts), `$select`, `$top`, `$count`;
 * - `GET /groups/{id}` with `$select`;
 * - `GET /groups/{id}/transitiveMembers[/microsoft.graph.user|group]`;
 * - `GET /users/{id | userPrincipalName}/transitiveMemberOf[/microsoft.graph.group]`.
 * Paging, `$count` and the cast's headers: directory-paging.ts. Another tenant's group or user does not exist for
 * the token, as another tenant's mailbox does not (store.ts).
 *
 * An unknown id is 404 `Request_ResourceNotFound` "Resource '{id}' does not exist or one of its queried
 * reference-property objects are not present." — the directory's answer for a group that is gone
 * (microsoftgraph/microsoft-graph-docs#18714; DanielChronlund/DCToolbox#6, a deleted security group), not Exchange's
 * ErrorInvalidUser.
 */
import type { Group } from '@microsoft/microsoft-graph-types';
import { json, odataContext, type Route, type SandboxContext, type SandboxRequest } from '../context';
import { directoryPage } from '../directory-paging';
import { isEventual, requireEventualForSearch, searchPredicate, type SearchProperties } from '../directory-query';
import { GraphError } from '../graph-error';
import type { DirectoryObject } from '../groups';
import type { DirectoryGroup } from '../model';
import { select } from '../query-options';
import { renderDirectoryUser, renderUser } from './users';

export const resourceNotFound = (id: string): GraphError =>
  new GraphError(404, 'Request_ResourceNotFound', `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`);

const unsupported = (message: string): GraphError => new GraphError(400, 'Request_UnsupportedQuery', message);

export function renderGroup(g: DirectoryGroup): Group {
  return {
    id: g.id,
    createdDateTime: new Date(g.createdMs).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    description: g.description,
    displayName: g.displayName,
    groupTypes: [],
    mail: g.mail,
    mailEnabled: g.mail !== null,
    mailNickname: (g.mail ?? g.displayName).split('@')[0]!.replace(/[^A-Za-z0-9._-]/g, ''),
    securityEnabled: true,
    visibility: null,
  };
}

/** An object of a directoryObject collection: its properties and, outside a cast, its `@odata.type`. */
export function renderDirectoryObject(o: DirectoryObject, withType: boolean): object {
  const body: object = o.kind === 'group' ? renderGroup(o.group) : 'mailbox' in o ? renderUser(o.mailbox) : renderDirectoryUser(o.directoryUser);
  return withType ? { '@odata.type': `#microsoft.graph.${o.kind}`, ...body } : body;
}

const groupSearch: SearchProperties<DirectoryGroup> = { displayname: (g) => g.displayName, description: (g) => g.description };

/** Query options the sandbox does not model on these collections are refused rather than ignored. */
function refuseUnmodelled(req: SandboxRequest, options: string[]): void {
  for (const option of options) {
    if (req.query.has(option)) throw unsupported(`The Graph sandbox does not model ${option} on ${req.path}.`);
  }
}

/**
 * The cast segment: `microsoft.graph.user` / `microsoft.graph.group` (case-insensitive), or none. A cast to a
 * member type the sandbox does not hold is refused as Graph refuses "an OData cast that represents an unsupported
 * member type" (group-list-transitivemembers: 400 Request_UnsupportedQuery).
 */
function castOf(ctx: SandboxContext, req: SandboxRequest, segment: string | undefined, allowed: Array<'user' | 'group'>): 'user' | 'group' | null {
  if (!segment) return null;
  const type = /^microsoft\.graph\.(\w+)$/i.exec(segment)?.[1]?.toLowerCase();
  if (type !== 'user' && type !== 'group') throw unsupported(`Unsupported OData cast '${segment}' on ${req.path}.`);
  if (!allowed.includes(type)) throw unsupported(`Unsupported OData cast '${segment}' on ${req.path}.`);
  if (ctx.directory.castRequiresAdvancedQuery && !(isEventual(req.headers) && req.query.get('$count')?.toLowerCase() === 'true')) {
    throw unsupported('OData cast on a directory object collection is only supported with the ConsistencyLevel: eventual header and $count=true.');
  }
  return type;
}

function groupOfTenant(ctx: SandboxContext, req: SandboxRequest, id: string): DirectoryGroup {
  const found = ctx.store.groups.findInTenant(id, req.tenantId);
  if (found?.kind !== 'group') throw resourceNotFound(id);
  return found.group;
}

export const groupRoutes: Route[] = [
  {
    method: 'GET',
    pattern: /^\/groups$/i,
    mailboxScoped: false,
    identityCost: 1,
    handler: (ctx, req) => {
      refuseUnmodelled(req, ['$filter', '$orderby', '$expand']);
      requireEventualForSearch(req.query, req.headers);
      const search = req.query.get('$search');
      const keep = search === null ? () => true : searchPredicate(search, groupSearch, 'Group');
      return directoryPage(ctx, req, ctx.store.groups.list(req.tenantId).filter(keep), renderGroup, 'groups');
    },
  },
  {
    method: 'GET',
    pattern: /^\/groups\/([^/]+)$/i,
    mailboxScoped: false,
    identityCost: 1,
    handler: (ctx, req, [id]) => {
      const group = groupOfTenant(ctx, req, id as string);
      return json(200, { '@odata.context': odataContext(ctx, 'groups/$entity'), ...select(renderGroup(group), req.query.get('$select')) });
    },
  },
  {
    method: 'GET',
    pattern: /^\/groups\/([^/]+)\/transitiveMembers(?:\/([^/]+))?$/i,
    mailboxScoped: false,
    identityCost: 5,
    handler: (ctx, req, [id, segment]) => {
      refuseUnmodelled(req, ['$filter', '$orderby', '$search', '$expand']);
      const cast = castOf(ctx, req, segment || undefined, ['user', 'group']);
      const group = groupOfTenant(ctx, req, id as string);
      const members = ctx.store.groups.transitiveMembers(group).filter((o) => cast === null || o.kind === cast);
      const fragment = cast === null ? 'directoryObjects' : `${cast}s`;
      return directoryPage(ctx, req, members, (o) => renderDirectoryObject(o, cast === null), fragment);
    },
  },
  {
    method: 'GET',
    pattern: /^\/users\/([^/]+)\/transitiveMemberOf(?:\/([^/]+))?$/i,
    mailboxScoped: false,
    identityCost: 2,
    handler: (ctx, req, [user, segment]) => {
      refuseUnmodelled(req, ['$filter', '$orderby', '$search', '$expand']);
      const cast = castOf(ctx, req, segment || undefined, ['group']);
      const found = ctx.store.groups.findInTenant(user as string, req.tenantId);
      if (found?.kind !== 'user') throw resourceNotFound(user as string);
      const id = 'mailbox' in found ? found.mailbox.id : found.directoryUser.id;
      const groups = ctx.store.groups.transitiveMemberOf(id).filter((g) => g.tenantId === req.tenantId.toLowerCase());
      return directoryPage(
        ctx,
        req,
        groups,
        (g) => (cast === null ? { '@odata.type': '#microsoft.graph.group', ...renderGroup(g) } : renderGroup(g)),
        cast === null ? 'directoryObjects' : 'groups',
      );
    },
  },
];
