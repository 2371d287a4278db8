import type { ResponseType } from '@microsoft/microsoft-graph-types';
import { json, odataContext, preferences, type Route, type SandboxContext } from '../context';
import { renderInstance } from '../event-render';
import { parseEventInput } from '../event-input';
import { createEvent, deleteEvent, respond, updateEvent } from '../event-writes';
import { notFound } from '../graph-error';
import { eventInstances, findInstance, type EventInstance } from '../instances';
import type { Mailbox } from '../model';
import { pageSize, select } from '../query-options';
import { parseQueryInstant } from '../time-zones';
import { renderOptionsFor } from './render-context';

function instanceOf(ctx: SandboxContext, user: string, eventId: string): { mailbox: Mailbox; instance: EventInstance } {
  const mailbox = ctx.store.mailbox(user);
  const instance = findInstance(mailbox.events, eventId);
  if (!instance) throw notFound();
  return { mailbox, instance };
}

const responseActions: Record<string, ResponseType> = { accept: 'accepted', decline: 'declined', tentativelyaccept: 'tentativelyAccepted' };

export const eventRoutes: Route[] = [
  {
    method: 'GET',
    pattern: /^\/users\/([^/]+)\/(?:calendar\/)?events$/i,
    mailboxScoped: true,
    handler: (ctx, req, [user]) => {
      const mailbox = ctx.store.mailbox(user as string);
      const { options, headers } = renderOptionsFor(req);
      const size = pageSize(preferences(req).maxPageSize, req.query.get('$top'), ctx.limits);
      const skip = Number(req.query.get('$skip') ?? 0);
      const all = [...mailbox.events.values()];
      const page = all.slice(skip, skip + size).map((e) => {
        const instance = findInstance(mailbox.events, e.id) as EventInstance;
        return select(renderInstance(instance, options), req.query.get('$select'));
      });
      const body: Record<string, unknown> = { '@odata.context': odataContext(ctx, `users('${user}')/events`), value: page };
      if (skip + size < all.length) {
        const next = new URLSearchParams(req.query);
        next.set('$skip', String(skip + size));
        body['@odata.nextLink'] = `${ctx.baseUrl}/v1.0/users/${encodeURIComponent(user as string)}/events?${next.toString()}`;
      }
      return json(200, body, headers);
    },
  },
  {
    method: 'POST',
    pattern: /^\/users\/([^/]+)\/(?:calendar\/)?events$/i,
    mailboxScoped: true,
    handler: (ctx, req, [user]) => {
      const mailbox = ctx.store.mailbox(user as string);
      const event = createEvent(ctx.store, mailbox, parseEventInput(req.body));
      const { options, headers } = renderOptionsFor(req);
      const instance = findInstance(mailbox.events, event.id) as EventInstance;
      return json(
        201,
        { '@odata.context': odataContext(ctx, `users('${user}')/events/$entity`), ...renderInstance(instance, options) },
        {
          ...headers,
          Location: `${ctx.baseUrl}/v1.0/users/${mailbox.id}/events/${event.id}`,
        },
      );
    },
  },
  {
    method: 'GET',
    pattern: /^\/users\/([^/]+)\/(?:calendar\/)?events\/([^/]+)$/i,
    mailboxScoped: true,
    handler: (ctx, req, [user, id]) => {
      const { instance } = instanceOf(ctx, user as string, id as string);
      const { options, headers } = renderOptionsFor(req);
      const rendered = select(renderInstance(instance, options), req.query.get('$select'));
      return json(200, { '@odata.context': odataContext(ctx, `users('${user}')/events/$entity`), ...rendered }, headers);
    },
  },
  {
    method: 'PATCH',
    pattern: /^\/users\/([^/]+)\/(?:calendar\/)?events\/([^/]+)$/i,
    mailboxScoped: true,
    handler: (ctx, req, [user, id]) => {
      const { mailbox, instance } = instanceOf(ctx, user as string, id as string);
      updateEvent(ctx.store, instance, parseEventInput(req.body), req.headers['if-match']);
      // `Prefer: return=minimal`: Graph answers a PATCH with 204 No Content, no entity to render or parse.
      if (preferences(req).returnMinimal) return { status: 204, headers: { 'Preference-Applied': 'return=minimal' } };
      const fresh = findInstance(mailbox.events, id as string) as EventInstance;
      const { options, headers } = renderOptionsFor(req);
      return json(200, { '@odata.context': odataContext(ctx, `users('${user}')/events/$entity`), ...renderInstance(fresh, options) }, headers);
    },
  },
  {
    method: 'DELETE',
    pattern: /^\/users\/([^/]+)\/(?:calendar\/)?events\/([^/]+)$/i,
    mailboxScoped: true,
    handler: (ctx, _req, [user, id]) => {
      const { mailbox, instance } = instanceOf(ctx, user as string, id as string);
      deleteEvent(ctx.store, mailbox, instance);
      return { status: 204 };
    },
  },
  {
    method: 'GET',
    pattern: /^\/users\/([^/]+)\/(?:calendar\/)?events\/([^/]+)\/instances$/i,
    mailboxScoped: true,
    handler: (ctx, req, [user, id]) => {
      const { instance } = instanceOf(ctx, user as string, id as string);
      const from = parseQueryInstant(req.query.get('startDateTime') ?? undefined, 'startDateTime');
      const to = parseQueryInstant(req.query.get('endDateTime') ?? undefined, 'endDateTime');
      const { options, headers } = renderOptionsFor(req);
      const items = instance.record.recurrence ? eventInstances(instance.record, from, to) : [];
      items.sort((a, b) => a.startMs - b.startMs);
      return json(
        200,
        { '@odata.context': odataContext(ctx, `users('${user}')/events('${id}')/instances`), value: items.map((i) => renderInstance(i, options)) },
        headers,
      );
    },
  },
  {
    method: 'POST',
    pattern: /^\/users\/([^/]+)\/(?:calendar\/)?events\/([^/]+)\/(accept|decline|tentativelyAccept)$/i,
    mailboxScoped: true,
    handler: (ctx, _req, [user, id, action]) => {
      const { instance } = instanceOf(ctx, user as string, id as string);
      respond(ctx.store, instance, responseActions[(action as string).toLowerCase()] as ResponseType);
      return { status: 202 };
    },
  },
];
