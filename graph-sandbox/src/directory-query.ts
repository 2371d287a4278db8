/**
 * `GET /users` query options as Microsoft Entra ID answers them, for the admin's people picker:
 *
 * - `$search` on directory objects is an "advanced query": without the `ConsistencyLevel: eventual` header Graph
 *   answers 400 Request_UnsupportedQuery
 *   (https://learn.microsoft.com/graph/search-query-parameter#using-search-on-directory-object-collections,
 *   https://learn.microsoft.com/graph/aad-advanced-queries). Each clause is a quoted `"property:text"`, clauses
 *   joined by AND / OR; an unquoted value is refused. Matching is by token: the property is split on spaces,
 *   symbols and casing changes and a token must start with the text (the same page, "tokenization").
 * - `$filter=startswith(property,'text')` is a default query (no header needed), clauses joined by `or`
 *   (https://learn.microsoft.com/graph/filter-query-parameter, `startsWith` on user properties).
 * - Pages of 100 users unless `$top` (1–999) says otherwise, the rest behind `@odata.nextLink` with `$skiptoken`
 *   (https://learn.microsoft.com/graph/paging: "the default and maximum page sizes are 100 and 999 user objects").
 */
import { GraphError } from './graph-error';
import type { User } from '@microsoft/microsoft-graph-types';

type Searchable = 'displayName' | 'givenName' | 'surname' | 'mail' | 'userPrincipalName';
const USER_PROPERTIES: Record<string, Searchable> = {
  displayname: 'displayName',
  givenname: 'givenName',
  surname: 'surname',
  mail: 'mail',
  userprincipalname: 'userPrincipalName',
};

const unsupported = (message: string) => new GraphError(400, 'Request_UnsupportedQuery', message);

/** A searchable property of one resource, by its lower-cased name. */
export type SearchProperties<T> = Record<string, (o: T) => string | null>;

const userSearch: SearchProperties<User> = Object.fromEntries(Object.entries(USER_PROPERTIES).map(([key, prop]) => [key, (u: User) => u[prop] ?? null]));

function property<T>(name: string, properties: SearchProperties<T>, resource: string): (o: T) => string | null {
  const p = properties[name.trim().toLowerCase()];
  if (!p) throw unsupported(`Unsupported or invalid query filter clause specified for property '${name.trim()}' of resource '${resource}'.`);
  return p;
}

/** Words of a value: split on anything not a letter or digit, and where lower case turns upper ("AdaLovelace"). */
export function searchTokens(value: string): string[] {
  return value
    .replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map((t) => t.toLowerCase());
}

type Predicate<T> = (o: T) => boolean;

function searchClause<T>(clause: string, properties: SearchProperties<T>, resource: string): Predicate<T> {
  const match = /^"([^":]+):([^"]*)"$/.exec(clause.trim());
  if (!match) throw unsupported(`Invalid $search clause ${clause.trim()}: expected a quoted "property:text".`);
  const prop = property(match[1] as string, properties, resource);
  const words = searchTokens(match[2] as string);
  return (o) => {
    const tokens = searchTokens(prop(o) ?? '');
    return words.every((w) => tokens.some((t) => t.startsWith(w)));
  };
}

/**
 * `"a:x" OR "b:y" AND "c:z"`: AND binds tighter than OR, as in the search syntax. The same tokenisation serves
 * every directory resource; `properties` names what may be searched on it (groups: displayName, description).
 */
export function searchPredicate<T>(expr: string, properties: SearchProperties<T>, resource: string): Predicate<T> {
  const any = expr.split(/\s+OR\s+/).map((part) => part.split(/\s+AND\s+/).map((c) => searchClause(c, properties, resource)));
  return (o) => any.some((all) => all.every((p) => p(o)));
}

/** Whether the request carries `ConsistencyLevel: eventual`, the header of advanced queries. */
export const isEventual = (headers: Record<string, string>): boolean => (headers['consistencylevel'] ?? '').toLowerCase() === 'eventual';

/** `$search` on a directory collection without the header: 400 Request_UnsupportedQuery (see the top of this file). */
export function requireEventualForSearch(query: URLSearchParams, headers: Record<string, string>): void {
  if (query.get('$search') !== null && !isEventual(headers)) {
    throw unsupported("Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'");
  }
}

/** `$top` of a directory collection: 1–999, else 400 (https://learn.microsoft.com/graph/paging). */
export function directoryTop(top: string | null): number | undefined {
  const limit = top === null ? undefined : Number(top);
  if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1 && limit <= 999)) {
    throw new GraphError(400, 'Request_BadRequest', `Invalid page size specified: '${top}'. Must be between 1 and 999 inclusive.`);
  }
  return limit;
}

function parseFilter(expr: string): Predicate<User> {
  const clauses = expr.split(/\s+or\s+/i).map((clause) => {
    const match = /^\s*startswith\(\s*([A-Za-z]+)\s*,\s*'((?:[^']|'')*)'\s*\)\s*$/i.exec(clause);
    if (!match) throw unsupported(`Unsupported or invalid query filter clause: ${clause.trim()}`);
    const prop = property(match[1] as string, userSearch, 'User');
    const prefix = (match[2] as string).replace(/''/g, "'").toLowerCase();
    return (u: User) => (prop(u) ?? '').toLowerCase().startsWith(prefix);
  });
  return (m) => clauses.some((p) => p(m));
}

/**
 * One page of the users (with a mailbox or without: a directory user has `mail: null`) `GET /users` returns for the request's `$search`, `$filter` and `$top`, in directory
 * order, and the offset of the next page when there is one (Graph pages users with `$skiptoken`, default page 100).
 */
export function queryUsers(users: User[], query: URLSearchParams, headers: Record<string, string>): { page: User[]; next: number | null } {
  const search = query.get('$search');
  const filter = query.get('$filter');
  requireEventualForSearch(query, headers);
  const limit = directoryTop(query.get('$top'));
  const keep: Array<Predicate<User>> = [];
  if (search !== null) keep.push(searchPredicate(search, userSearch, 'User'));
  if (filter !== null) keep.push(parseFilter(filter));
  const found = users.filter((u) => keep.every((p) => p(u)));
  const from = Number(query.get('$skiptoken') ?? 0) || 0;
  const to = from + (limit ?? 100);
  return { page: found.slice(from, to), next: to < found.length ? to : null };
}
