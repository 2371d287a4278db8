import type { CategoryColor, OutlookCategory } from '@microsoft/microsoft-graph-types';
import { json, odataContext, type Route } from '../context';
import { GraphError, badRequest } from '../graph-error';
import { newCategoryId } from '../ids';
import type { MasterCategory } from '../model';

const colors = new Set(['none', ...Array.from({ length: 25 }, (_, i) => `preset${i}`)]);

function parseColor(value: unknown): CategoryColor {
  const color = value === undefined ? 'none' : String(value);
  if (!colors.has(color)) throw badRequest(`Requested value '${color}' was not found.`, 'RequestBodyRead');
  return color as CategoryColor;
}

const render = (c: MasterCategory): OutlookCategory & { '@odata.etag'?: string } => ({ id: c.id, displayName: c.displayName, color: c.color });

export const categoryRoutes: Route[] = [
  {
    method: 'GET',
    pattern: /^\/users\/([^/]+)\/outlook\/masterCategories$/i,
    mailboxScoped: true,
    handler: (ctx, _req, [user]) => {
      const mailbox = ctx.store.mailbox(user as string);
      return json(200, {
        '@odata.context': odataContext(ctx, `users('${user}')/outlook/masterCategories`),
        value: [...mailbox.masterCategories.values()].map(render),
      });
    },
  },
  {
    method: 'POST',
    pattern: /^\/users\/([^/]+)\/outlook\/masterCategories$/i,
    mailboxScoped: true,
    handler: (ctx, req, [user]) => {
      const mailbox = ctx.store.mailbox(user as string);
      const body = (req.body ?? {}) as { displayName?: unknown; color?: unknown };
      if (typeof body.displayName !== 'string' || body.displayName.trim() === '') throw badRequest('The displayName is required.', 'ErrorInvalidParameter');
      const name = body.displayName;
      for (const c of mailbox.masterCategories.values()) {
        // Outlook compares category names case-insensitively.
        if (c.displayName.toLowerCase() === name.toLowerCase()) {
          throw new GraphError(409, 'ErrorAlreadyExists', 'An Outlook category with the same name already exists.');
        }
      }
      const category: MasterCategory = { id: newCategoryId(), displayName: name, color: parseColor(body.color) };
      mailbox.masterCategories.set(category.id, category);
      return json(201, { '@odata.context': odataContext(ctx, `users('${user}')/outlook/masterCategories/$entity`), ...render(category) });
    },
  },
  {
    method: 'GET',
    pattern: /^\/users\/([^/]+)\/outlook\/masterCategories\/([^/]+)$/i,
    mailboxScoped: true,
    handler: (ctx, _req, [user, id]) => {
      const category = ctx.store.mailbox(user as string).masterCategories.get(id as string);
      if (!category) throw new GraphError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
      return json(200, { '@odata.context': odataContext(ctx, `users('${user}')/outlook/masterCategories/$entity`), ...render(category) });
    },
  },
  {
    method: 'PATCH',
    pattern: /^\/users\/([^/]+)\/outlook\/masterCategories\/([^/]+)$/i,
    mailboxScoped: true,
    handler: (ctx, req, [user, id]) => {
      const category = ctx.store.mailbox(user as string).masterCategories.get(id as string);
      if (!category) throw new GraphError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
      const body = (req.body ?? {}) as { displayName?: unknown; color?: unknown };
      if (body.displayName !== undefined && body.displayName !== category.displayName) {
        throw badRequest('The displayName of a category cannot be changed.', 'ErrorInvalidRequest');
      }
      if (body.color !== undefined) category.color = parseColor(body.color);
      return json(200, { '@odata.context': odataContext(ctx, `users('${user}')/outlook/masterCategories/$entity`), ...render(category) });
    },
  },
  {
    method: 'DELETE',
    pattern: /^\/users\/([^/]+)\/outlook\/masterCategories\/([^/]+)$/i,
    mailboxScoped: true,
    handler: (ctx, _req, [user, id]) => {
      const mailbox = ctx.store.mailbox(user as string);
      if (!mailbox.masterCategories.delete(id as string)) throw new GraphError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
      return { status: 204 };
    },
  },
];
