import { json, odataContext, preferences, type Route } from '../context';
import { renderInstance } from '../event-render';
import { GraphError } from '../graph-error';
import type { EventInstance } from '../instances';
import { pageSize, select } from '../query-options';
import { parseViewWindow } from '../view-window';
import { renderOptionsFor } from './render-context';

function ordered(items: EventInstance[], orderby: string | null): EventInstance[] {
  if (!orderby) return items;
  const match = /^\s*start\/dateTime(?:\s+(asc|desc))?\s*$/i.exec(orderby);
  if (!match) throw new GraphError(400, 'ErrorInvalidProperty', `The sandbox supports $orderby=start/dateTime [asc|desc] only, not '${orderby}'.`);
  return match[1]?.toLowerCase() === 'desc' ? [...items].reverse() : items;
}

export const calendarViewRoutes: Route[] = [
  {
    method: 'GET',
    pattern: /^\/users\/([^/]+)\/(?:calendar\/)?calendarView$/i,
    mailboxScoped: true,
    handler: (ctx, req, [user]) => {
      const mailbox = ctx.store.mailbox(user as string);
      if (req.query.has('$filter')) {
        throw new GraphError(400, 'ErrorInvalidUrlQueryFilter', 'The sandbox does not evaluate $filter on calendarView; filter on the client.');
      }
      const { from, to } = parseViewWindow(req.query);
      const prefs = preferences(req);
      const size = pageSize(prefs.maxPageSize, req.query.get('$top'), ctx.limits);
      const skip = Number(req.query.get('$skip') ?? 0);
      const { options, headers } = renderOptionsFor(req);
      if (prefs.maxPageSize) headers['Preference-Applied'] = [headers['Preference-Applied'], `odata.maxpagesize=${size}`].filter(Boolean).join(', ');
      const items = ordered(ctx.views.calendarView(mailbox, from, to), req.query.get('$orderby'));
      const $select = req.query.get('$select');
      const body: Record<string, unknown> = {
        '@odata.context': odataContext(ctx, `users('${user}')/calendarView`),
        value: items.slice(skip, skip + size).map((i) => select(renderInstance(i, options), $select)),
      };
      if (skip + size < items.length) {
        const next = new URLSearchParams(req.query);
        next.set('$skip', String(skip + size));
        body['@odata.nextLink'] = `${ctx.baseUrl}/v1.0/users/${encodeURIComponent(user as string)}/calendarView?${next.toString()}`;
      }
      return json(200, body, headers);
    },
  },
];
