/**
 * `POST /directoryObjects/getByIds` { ids, types } (https://learn.microsoft.com/graph/api/directoryobject-getbyids):
 * up to 1000 ids; `types` names the collections to look in (user, group, …; not case-sensitive; default every
 * directory object). The objects come back with their `@odata.type`. The reference does not say what happens to an
 * id that matches nothing; the sandbox leaves it out (as it does an object of another type or another tenant),
 * and answers more than 1000 ids with 400 Request_BadRequest (the limit is documented, the answer is not).
 */
import { json, odataContext, type Route } from '../context';
import { GraphError } from '../graph-error';
import type { DirectoryObject } from '../groups';
import { renderDirectoryObject } from './groups';

const badRequest = (message: string): GraphError => new GraphError(400, 'Request_BadRequest', message);

export const directoryObjectRoutes: Route[] = [
  {
    method: 'POST',
    pattern: /^\/directoryObjects\/getByIds$/i,
    mailboxScoped: false,
    identityCost: 3,
    handler: (ctx, req) => {
      const body = (req.body ?? {}) as { ids?: unknown; types?: unknown };
      if (!Array.isArray(body.ids) || body.ids.some((id) => typeof id !== 'string')) throw badRequest("The request body needs 'ids', a collection of strings.");
      if (body.ids.length > 1000) throw badRequest(`Too many ids: ${body.ids.length}. At most 1000 ids may be requested.`);
      if (body.types !== undefined && (!Array.isArray(body.types) || body.types.some((t) => typeof t !== 'string'))) {
        throw badRequest("'types' must be a collection of strings.");
      }
      const types = ((body.types as string[] | undefined) ?? []).map((t) => t.toLowerCase().replace(/^#?microsoft\.graph\./, ''));
      const wanted = (o: DirectoryObject): boolean => types.length === 0 || types.includes('directoryobject') || types.includes(o.kind);
      const seen = new Set<string>();
      const value: object[] = [];
      for (const id of body.ids as string[]) {
        if (seen.has(id.toLowerCase())) continue;
        seen.add(id.toLowerCase());
        const found = ctx.store.groups.findInTenant(id, req.tenantId);
        // By object id only: a UPN is not a directory object id.
        if (found && !id.includes('@') && wanted(found)) value.push(renderDirectoryObject(found, true));
      }
      return json(200, { '@odata.context': odataContext(ctx, 'directoryObjects'), value });
    },
  },
];
