/**
 * `GET /groups/delta` (also `/groups/microsoft.graph.delta`, the SDKs' spelling: delta-query-overview), as
 * https://learn.microsoft.com/graph/api/group-delta and https://learn.microsoft.com/graph/delta-query-groups give it.
 * What a round lists and how pages are cut: group-delta.ts; the change log: group-changes.ts.
 *
 * - Query options go on the first request only; the `$skiptoken` of a nextLink and the `$deltatoken` of the
 *   deltaLink carry them (group-delta "Query parameters"), so a follow-up request is the token alone.
 * - `$select`: the id always comes back; `members` in it gives `members@delta`, entries with `@odata.type` and
 *   `id` only (microsoftgraph/microsoft-graph-docs-contrib PR #9600). Without `$select`, every property and
 *   `members@delta`, as the reference page's first example answers.
 * - `$filter`: only `id eq '{id}'`, several joined by `or`, at most 50 (delta-query-overview, "Optional query
 *   parameters"); anything else is 400 Request_UnsupportedQuery "Unsupported Query." as developers met it on
 *   users/delta (https://learn.microsoft.com/en-us/answers/questions/1090594).
 * - `$deltatoken=latest`: no objects, a deltaLink from now on (delta-query-overview, "Use $deltatoken=latest").
 * - A token that is garbled, tampered, of another tenant or expired is refused 400 SyncStateNotFound: the
 *   overview lets a reset be "a 40X-series error with error codes such as syncStateNotFound"
 *   (#synchronization-reset). Tokens are signed by delta-tokens.ts and bound to the token's tenant.
 * Another tenant's groups are never listed; throttling, scripted faults and `$batch` apply as to any route.
 */
import type { Group } from '@microsoft/microsoft-graph-types';
import { json, odataContext, type Route, type SandboxContext, type SandboxRequest } from '../context';
import type { DeltaState } from '../delta-tokens';
import { pageOf, roundEntries, type GroupDeltaEntry, type PageCursor, type RoundScope } from '../group-delta';
import { GraphError } from '../graph-error';
import { select } from '../query-options';
import { renderGroup } from './groups';

const MAX_FILTER_IDS = 50;
const unsupportedQuery = (message = 'Unsupported Query.'): GraphError => new GraphError(400, 'Request_UnsupportedQuery', message);

/** Options the sandbox does not model on group delta are refused rather than ignored. */
const unmodelled = ['$expand', '$orderby', '$search', '$top', '$count'];

function filterIds(filter: string | null): string[] | null {
  if (filter === null) return null;
  const ids = filter.split(/\s+or\s+/i).map((clause) => {
    const id = /^\s*id\s+eq\s+'([0-9a-f-]{36})'\s*$/i.exec(clause)?.[1];
    if (!id) throw unsupportedQuery();
    return id.toLowerCase();
  });
  if (ids.length > MAX_FILTER_IDS) throw unsupportedQuery(`At most ${MAX_FILTER_IDS} id clauses are supported in $filter on delta; ${ids.length} were given.`);
  return ids;
}

const wantsMembers = (selectParam: string | null): boolean => selectParam === null || selectParam.split(',').some((p) => p.trim().toLowerCase() === 'members');

function render(ctx: SandboxContext, entry: GroupDeltaEntry, selectParam: string | null): object {
  if (entry.removed) return { id: entry.groupId, '@removed': { reason: 'changed' } };
  const group = ctx.store.groups.group(entry.groupId);
  // Deleted after the round began: the round still lists it, with what is left of it (its id).
  const body: Group = group ? select(renderGroup(group), selectParam) : { id: entry.groupId };
  if (!wantsMembers(selectParam)) return body;
  const members = entry.members.map((m) => ({
    '@odata.type': `#microsoft.graph.${m.kind}`,
    id: m.id,
    ...(m.removed ? { '@removed': { reason: 'deleted' } } : {}),
  }));
  return { ...body, 'members@delta': members };
}

function decodeToken(ctx: SandboxContext, token: string, scope: string): DeltaState {
  try {
    return ctx.deltaTokens.decode(token, scope);
  } catch (error) {
    if (!(error instanceof GraphError)) throw error;
    throw new GraphError(400, 'SyncStateNotFound', error.message);
  }
}

function respond(ctx: SandboxContext, state: DeltaState, cursor: PageCursor) {
  const scope: RoundScope = {
    tenantId: state.m.slice('groups:'.length),
    ids: state.gf ?? null,
    from: state.gq ?? null,
    to: state.q,
    includeRemoved: state.gr ?? false,
  };
  const limits = {
    groupsPerPage: ctx.directory.groupDeltaGroupsPerPage,
    membersPerPage: ctx.directory.groupDeltaMembersPerPage,
    withMembers: wantsMembers(state.gs ?? null),
  };
  const { items, next } = pageOf(roundEntries(ctx.store.groups.changes, scope), cursor, limits);
  const link = `${ctx.baseUrl}/v1.0/groups/delta`;
  const body: Record<string, unknown> = { '@odata.context': odataContext(ctx, 'groups'), value: items.map((e) => render(ctx, e, state.gs ?? null)) };
  const base: DeltaState = { m: state.m, a: 0, b: 0, q: state.q, t: ctx.store.now(), gf: state.gf ?? null, gs: state.gs ?? null };
  if (next) {
    const skip: DeltaState = { ...base, o: next.entry, gm: next.member, gr: scope.includeRemoved, ...(scope.from === null ? {} : { gq: scope.from }) };
    body['@odata.nextLink'] = `${link}?$skiptoken=${ctx.deltaTokens.encode(skip)}`;
  } else {
    body['@odata.deltaLink'] = `${link}?$deltatoken=${ctx.deltaTokens.encode(base)}`;
  }
  return json(200, body);
}

function handle(ctx: SandboxContext, req: SandboxRequest) {
  const scope = `groups:${req.tenantId.toLowerCase()}`;
  const now = ctx.store.groups.changes.seq;
  for (const option of unmodelled) if (req.query.has(option)) throw unsupportedQuery(`The Graph sandbox does not model ${option} on /groups/delta.`);
  const skipToken = req.query.get('$skiptoken') ?? req.query.get('$skipToken');
  if (skipToken) {
    const state = decodeToken(ctx, skipToken, scope);
    return respond(ctx, state, { entry: state.o ?? 0, member: state.gm ?? 0 });
  }
  const deltaToken = req.query.get('$deltatoken') ?? req.query.get('$deltaToken');
  if (deltaToken?.toLowerCase() === 'latest') {
    const state: DeltaState = { m: scope, a: 0, b: 0, q: now, t: ctx.store.now(), gf: filterIds(req.query.get('$filter')), gs: req.query.get('$select') };
    return json(200, {
      '@odata.context': odataContext(ctx, 'groups'),
      value: [],
      '@odata.deltaLink': `${ctx.baseUrl}/v1.0/groups/delta?$deltatoken=${ctx.deltaTokens.encode(state)}`,
    });
  }
  if (deltaToken) {
    const state = decodeToken(ctx, deltaToken, scope);
    return respond(ctx, { ...state, gq: state.q, q: now }, { entry: 0, member: 0 });
  }
  const ids = filterIds(req.query.get('$filter'));
  const state: DeltaState = {
    m: scope,
    a: 0,
    b: 0,
    q: now,
    t: ctx.store.now(),
    gf: ids,
    gs: req.query.get('$select'),
    gr: ctx.directory.groupDeltaInitialIncludesRemoved,
  };
  return respond(ctx, state, { entry: 0, member: 0 });
}

export const groupDeltaRoutes: Route[] = [
  {
    method: 'GET',
    pattern: /^\/groups\/(?:microsoft\.graph\.)?delta(?:\(\))?$/i,
    mailboxScoped: false,
    identityCost: 1,
    handler: handle,
  },
];
