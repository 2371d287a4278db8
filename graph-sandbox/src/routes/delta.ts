import { json, odataContext, preferences, type Route, type SandboxContext, type SandboxRequest } from '../context';
import type { DeltaState } from '../delta-tokens';
import { renderInstance, renderOccurrenceStub } from '../event-render';
import { GraphError } from '../graph-error';
import { eventInstances, shapeInstances, type EventInstance } from '../instances';
import type { EventShape, Mailbox, StoredEvent } from '../model';
import { pageSize } from '../query-options';
import { firstRoundEntries, pageEnd, seriesEntries, type DeltaSeriesOptions } from '../series-delta';
import { parseViewWindow } from '../view-window';
import type { DeltaSnapshot } from '../view-cache';
import { renderOptionsFor } from './render-context';

const refusedOptions = ['$select', '$filter', '$orderby', '$expand', '$search', '$top'];

/** The shape an event had when the token's sequence was current. */
function shapeAt(event: StoredEvent, seq: number): EventShape | null {
  if (event.createdSeq > seq) return null;
  const replaced = event.shapeHistory.find((h) => h.replacedAtSeq > seq);
  return replaced ? replaced.shape : null;
}

/** Changes since `since`: changed instances (and, per `series`, their master), vanished ones as ids for `@removed`. */
function changesSince(mailbox: Mailbox, since: number, fromMs: number, toMs: number, series: DeltaSeriesOptions): DeltaSnapshot['items'] {
  const items: DeltaSnapshot['items'] = [];
  for (const event of mailbox.events.values()) {
    if (event.seq <= since) continue;
    const current = eventInstances(event, fromMs, toMs);
    // A plain occurrence carries the master's changeKey, which every write to the series changes (exception
    // edits and deletes included); an exception has its own and changes with it or with the whole series.
    const changed = current.filter((i) => (i.override ? Math.max(event.seriesSeq, i.override.seq) : event.seq) > since);
    items.push(...seriesEntries(changed, series));
    const oldShape = shapeAt(event, since);
    if (oldShape) {
      const now = new Set(current.map((i) => i.id));
      for (const old of shapeInstances(event.id, oldShape, fromMs, toMs)) {
        if (now.has(old.id)) continue;
        // Real Graph gives no @removed for a deleted occurrence (microsoftgraph/microsoft-graph-docs PR 4501).
        if (series.cancelledOccurrence === 'silent' && old.occurrenceKey && event.cancelledOccurrences.has(old.occurrenceKey)) continue;
        items.push({ removedId: old.id });
      }
    }
  }
  for (const tomb of mailbox.tombstones.values()) {
    if (tomb.seq <= since || tomb.createdSeq > since) continue;
    if (!tomb.shape.recurrence) {
      // Graph may report deletions outside the window.
      items.push({ removedId: tomb.id });
      continue;
    }
    if (series.master !== 'none') items.push({ removedId: tomb.id });
    for (const old of shapeInstances(tomb.id, tomb.shape, fromMs, toMs)) items.push({ removedId: old.id });
  }
  return items;
}

function page(ctx: SandboxContext, req: SandboxRequest, mailbox: Mailbox, snapshotId: string, snapshot: DeltaSnapshot, offset: number, repeats = 0) {
  const size = pageSize(preferences(req).maxPageSize, null, ctx.limits);
  const { options, headers } = renderOptionsFor(req);
  headers['Preference-Applied'] = ['odata.track-changes', headers['Preference-Applied'], preferences(req).maxPageSize ? `odata.maxpagesize=${size}` : '']
    .filter(Boolean)
    .join(', ');
  const end = pageEnd(snapshot.items, offset, size, ctx.deltaSeries);
  const stubs = ctx.deltaSeries.occurrences === 'stub';
  const value = snapshot.items
    .slice(offset, end)
    .map((item) =>
      'removedId' in item
        ? { '@odata.type': '#microsoft.graph.event', id: item.removedId, '@removed': { reason: 'deleted' } }
        : stubs && item.type === 'occurrence'
          ? renderOccurrenceStub(item, options, '#microsoft.graph.event')
          : renderInstance(item as EventInstance, options, '#microsoft.graph.event'),
    );
  const link = `${ctx.baseUrl}/v1.0/users/${encodeURIComponent(mailbox.id)}/calendarView/delta`;
  const base: DeltaState = { m: mailbox.id, a: snapshot.fromMs, b: snapshot.toMs, q: snapshot.seq, t: ctx.store.now() };
  const body: Record<string, unknown> = { '@odata.context': odataContext(ctx, 'Collection(event)'), value };
  const loopAfter = ctx.faults.current.deltaLoopAfterPages;
  if (loopAfter > 0 && offset >= loopAfter * size) {
    // The fault of msgraph-sdk-dotnet#3082: this page again, under a link that differs each time, never a deltaLink.
    body['@odata.nextLink'] = `${link}?$skiptoken=${ctx.deltaTokens.encode({ ...base, s: snapshotId, o: offset, r: repeats + 1 })}`;
  } else if (end < snapshot.items.length) {
    body['@odata.nextLink'] = `${link}?$skiptoken=${ctx.deltaTokens.encode({ ...base, s: snapshotId, o: end })}`;
  } else {
    ctx.views.dropSnapshot(snapshotId);
    body['@odata.deltaLink'] = `${link}?$deltatoken=${ctx.deltaTokens.encode(base)}`;
  }
  return json(200, body, headers);
}

export const deltaRoutes: Route[] = [
  {
    method: 'GET',
    pattern: /^\/users\/([^/]+)\/(?:calendar\/)?calendarView\/delta(?:\(\))?$/i,
    mailboxScoped: true,
    handler: (ctx, req, [user]) => {
      const mailbox = ctx.store.mailbox(user as string);
      const refused = refusedOptions.filter((o) => req.query.has(o));
      if (refused.length > 0) {
        throw new GraphError(
          400,
          'ErrorInvalidUrlQuery',
          `The following parameters are not supported with change tracking over the 'CalendarView' resource: '${refusedOptions.join(', ')}'.`,
        );
      }
      const skipToken = req.query.get('$skiptoken') ?? req.query.get('$skipToken');
      if (skipToken) {
        const state = ctx.deltaTokens.decode(skipToken, mailbox.id);
        const snapshot = state.s ? ctx.views.snapshot(state.s) : undefined;
        if (!snapshot || state.s === undefined) throw ctx.deltaTokens.syncStateNotFound();
        return page(ctx, req, mailbox, state.s, snapshot, state.o ?? 0, state.r ?? 0);
      }
      const deltaToken = req.query.get('$deltatoken') ?? req.query.get('$deltaToken');
      const seq = ctx.store.currentSeq;
      let snapshot: DeltaSnapshot;
      if (deltaToken) {
        const state = ctx.deltaTokens.decode(deltaToken, mailbox.id);
        snapshot = { mailboxId: mailbox.id, fromMs: state.a, toMs: state.b, seq, items: changesSince(mailbox, state.q, state.a, state.b, ctx.deltaSeries) };
      } else {
        const { from, to } = parseViewWindow(req.query);
        snapshot = { mailboxId: mailbox.id, fromMs: from, toMs: to, seq, items: firstRoundEntries(ctx.views.calendarView(mailbox, from, to), ctx.deltaSeries) };
      }
      return page(ctx, req, mailbox, ctx.views.saveSnapshot(snapshot), snapshot, 0);
    },
  },
];
