import { json, odataContext, type Route } from '../context';

export const subscriptionRoutes: Route[] = [
  {
    method: 'POST',
    pattern: /^\/subscriptions$/i,
    mailboxScoped: false,
    handler: async (ctx, req) => {
      const s = await ctx.subscriptions.create(req, (req.body ?? {}) as Record<string, unknown>);
      return json(201, ctx.subscriptions.render(s, odataContext(ctx, 'subscriptions/$entity')));
    },
  },
  {
    method: 'GET',
    pattern: /^\/subscriptions$/i,
    mailboxScoped: false,
    handler: (ctx, req) =>
      json(200, { '@odata.context': odataContext(ctx, 'subscriptions'), value: ctx.subscriptions.list(req).map((s) => ctx.subscriptions.render(s)) }),
  },
  {
    method: 'GET',
    pattern: /^\/subscriptions\/([^/]+)$/i,
    mailboxScoped: false,
    handler: (ctx, req, [id]) => json(200, ctx.subscriptions.render(ctx.subscriptions.get(req, id as string), odataContext(ctx, 'subscriptions/$entity'))),
  },
  {
    method: 'PATCH',
    pattern: /^\/subscriptions\/([^/]+)$/i,
    mailboxScoped: false,
    handler: (ctx, req, [id]) => {
      const s = ctx.subscriptions.renew(req, id as string, (req.body as { expirationDateTime?: unknown } | undefined)?.expirationDateTime);
      return json(200, ctx.subscriptions.render(s, odataContext(ctx, 'subscriptions/$entity')));
    },
  },
  {
    method: 'DELETE',
    pattern: /^\/subscriptions\/([^/]+)$/i,
    mailboxScoped: false,
    handler: (ctx, req, [id]) => {
      ctx.subscriptions.remove(req, id as string);
      return { status: 204 };
    },
  },
];
