/**
 * Paging of directory collections (`/groups`, `transitiveMembers`, `transitiveMemberOf`) as Entra ID answers:
 *
 * - 100 objects a page unless `$top` (1–999) says otherwise (group-list-transitivemembers and
 *   user-list-transitivememberof: "default and maximum page sizes are 100 and 999"), the rest behind
 *   `@odata.nextLink` with an opaque `$skiptoken`; every other query option is carried in the link.
 * - "A page of results may contain zero or more results" (https://learn.microsoft.com/graph/paging): a client must
 *   follow nextLinks, not count items. `DirectoryOptions.maxPageItems` makes the sandbox's pages smaller than `$top`
 *   so that a test with a small group still meets several pages.
 * - `$count=true` gives `@odata.count` only with `ConsistencyLevel: eventual` (without it the parameter is
 *   silently ignored: https://learn.microsoft.com/graph/aad-advanced-queries, "Error handling for advanced queries
 *   on directory objects"), and only on the first page (the paging page: "the @odata.count property will be
 *   present only in the first page").
 * - Request headers do not travel with a nextLink ("any additional request headers such as the ConsistencyLevel
 *   header are not included by default in subsequent page requests"), so each page is judged on its own headers.
 */
import { json, odataContext, type SandboxContext, type SandboxRequest, type SandboxResponse } from './context';
import { directoryTop, isEventual } from './directory-query';
import { select } from './query-options';

export interface DirectoryOptions {
  /**
   * Whether an OData cast (`/transitiveMembers/microsoft.graph.user`, `/transitiveMemberOf/microsoft.graph.group`)
   * needs `ConsistencyLevel: eventual` and `$count=true`. Sources disagree:
   * - true (default, strict): the v1.0 reference page of List group transitive members said "To filter the results
   *   on the OData type, such as microsoft.graph.user or microsoft.graph.group, you must use the advanced query
   *   parameters" and listed the cast among what needs the header and `$count`; developers found the cast refused
   *   without them (https://learn.microsoft.com/en-us/answers/questions/447359, "you have to include the request
   *   header ConsistencyLevel=eventual then add a count operation"). Refused with 400 Request_UnsupportedQuery.
   * - false: the current pages say only "OData cast is also enabled" (user-list-transitivememberof,
   *   group-list-transitivemembers beta: "You can also filter the results on the OData type"), served without them.
   */
  castRequiresAdvancedQuery: boolean;
  /** null: pages are as large as `$top` (or 100). N: no page holds more than N objects, whatever `$top` asks. */
  maxPageItems: number | null;
  /**
   * What a mailbox request (calendar, mailboxSettings…) for a directory user without a mailbox is answered: 404
   * MailboxNotEnabledForRESTAPI in both cases, the message as developers report it. Sources differ by period:
   * - 'inactive' (default): "The mailbox is either inactive, soft-deleted, or is hosted on-premise."
   *   (MicrosoftDocs/azure-docs#85666, a user whose licence has no Exchange plan; aomail-ai/aomail-app#18);
   * - 'notSupported': "REST API is not yet supported for this mailbox." (microsoftgraph/microsoft-graph-docs#8520,
   *   microsoftgraph/microsoft-graph-docs#10745: a user without an Exchange Online licence).
   */
  noMailboxMessage: 'inactive' | 'notSupported';
  /** `/groups/delta`: groups on one page, and member entries (`members@delta`) on one page (group-delta.ts). */
  groupDeltaGroupsPerPage: number;
  groupDeltaMembersPerPage: number;
  /**
   * `/groups/delta` scoped by `$filter=id eq`: whether its first round also lists members that left before it,
   * with `@removed` (microsoftgraph/microsoft-graph-docs#17513). Off by default, as the reference page shows first
   * rounds with current members only.
   */
  groupDeltaInitialIncludesRemoved: boolean;
}

export const defaultDirectoryOptions: DirectoryOptions = {
  castRequiresAdvancedQuery: true,
  maxPageItems: null,
  noMailboxMessage: 'inactive',
  groupDeltaGroupsPerPage: 20,
  groupDeltaMembersPerPage: 500,
  groupDeltaInitialIncludesRemoved: false,
};

export const noMailboxMessages: Record<DirectoryOptions['noMailboxMessage'], string> = {
  inactive: 'The mailbox is either inactive, soft-deleted, or is hosted on-premise.',
  notSupported: 'REST API is not yet supported for this mailbox.',
};

/** The opaque skip token: an offset, so a page read twice is the same page. */
const encodeSkip = (offset: number): string => `RFNwdAIAAQAAAA${Buffer.from(`offset:${offset}`).toString('base64url')}`;
function decodeSkip(token: string | null): number {
  if (!token) return 0;
  const match = /^offset:(\d+)$/.exec(Buffer.from(token.replace(/^RFNwdAIAAQAAAA/, ''), 'base64url').toString('utf8'));
  return match ? Number(match[1]) : 0;
}

/** One page of `items` rendered, `$select` applied, with `@odata.count` and `@odata.nextLink` as Graph gives them. */
export function directoryPage<T>(ctx: SandboxContext, req: SandboxRequest, items: T[], render: (item: T) => object, contextFragment: string): SandboxResponse {
  const top = directoryTop(req.query.get('$top')) ?? 100;
  const size = ctx.directory.maxPageItems === null ? top : Math.max(1, Math.min(top, ctx.directory.maxPageItems));
  const from = decodeSkip(req.query.get('$skiptoken'));
  const to = from + size;
  const first = !req.query.has('$skiptoken');
  const counted = first && req.query.get('$count')?.toLowerCase() === 'true' && isEventual(req.headers);
  const nextQuery = new URLSearchParams(req.query);
  nextQuery.set('$skiptoken', encodeSkip(to));
  return json(200, {
    '@odata.context': odataContext(ctx, contextFragment),
    ...(counted ? { '@odata.count': items.length } : {}),
    value: items.slice(from, to).map((item) => select(render(item), req.query.get('$select'))),
    ...(to < items.length ? { '@odata.nextLink': `${ctx.baseUrl}/v1.0${req.path}?${nextQuery.toString()}` } : {}),
  });
}
