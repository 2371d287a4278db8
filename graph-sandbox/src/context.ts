import type { Logger } from 'pino';
import type { RequestAccounting } from './accounting';
import type { TokenAuthority } from './auth';
import type { DeltaTokens } from './delta-tokens';
import type { DirectoryOptions } from './directory-paging';
import type { FaultInjector } from './faults';
import type { DeltaSeriesOptions } from './series-delta';
import type { SubscriptionManager } from './subscriptions';
import type { SandboxStore } from './store';
import type { Throttle } from './throttling';
import type { DirectoryThrottle } from './directory-throttling';
import type { ViewCache } from './view-cache';

/** A Graph request as the route handlers see it, whether it came over HTTP or inside a `$batch`. */
export interface SandboxRequest {
  method: string;
  /** Path after `/v1.0`, e.g. `/users/adele@contoso.com/events`. */
  path: string;
  query: URLSearchParams;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  body: unknown;
  appId: string;
  /** The tenant the bearer token was issued in: the only one whose mailboxes the request may reach. */
  tenantId: string;
  requestId: string;
  clientRequestId: string;
  inner: boolean;
}

export interface SandboxResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/** Everything a handler may touch; one per running sandbox. */
export interface SandboxContext {
  store: SandboxStore;
  /** `https://127.0.0.1:{port}`; links in responses point back at the sandbox. */
  baseUrl: string;
  accounting: RequestAccounting;
  throttle: Throttle;
  /** Entra's resource-unit budget for directory requests (directory-throttling.ts). */
  directoryThrottle: DirectoryThrottle;
  faults: FaultInjector;
  views: ViewCache;
  deltaTokens: DeltaTokens;
  /** How calendarView/delta reports series (see series-delta.ts). */
  deltaSeries: DeltaSeriesOptions;
  /** How directory collections (groups, transitive members) page and what their OData casts need. */
  directory: DirectoryOptions;
  subscriptions: SubscriptionManager;
  authority: TokenAuthority;
  logger: Logger;
  limits: { defaultPageSize: number; maxPageSize: number; maxBatchRequests: number };
}

export type RouteHandler = (ctx: SandboxContext, req: SandboxRequest, params: string[]) => SandboxResponse | Promise<SandboxResponse>;

export interface Route {
  method: string;
  pattern: RegExp;
  handler: RouteHandler;
  /** Routes under `/users/{id}` are throttled and counted per mailbox. */
  mailboxScoped: boolean;
  /** A directory (Entra) operation: its documented base cost in resource units (directory-throttling.ts). */
  identityCost?: number;
  /** A mailbox route that also answers for a directory user without a mailbox (`GET /users/{id}`); the others 404. */
  servesUsersWithoutMailbox?: boolean;
}

export const odataContext = (ctx: SandboxContext, fragment: string): string => `${ctx.baseUrl}/v1.0/$metadata#${fragment}`;

/**
 * Parses `Prefer` (possibly several, comma-joined): `odata.maxpagesize=N`, `outlook.timezone="…"`, and
 * `return=minimal` (OData / RFC 7240: a write answers 204 No Content instead of the whole entity).
 */
export function preferences(req: SandboxRequest): { maxPageSize?: number; timeZone?: string; returnMinimal?: boolean } {
  const prefer = req.headers['prefer'] ?? '';
  const out: { maxPageSize?: number; timeZone?: string; returnMinimal?: boolean } = {};
  const size = /odata\.maxpagesize\s*=\s*(\d+)/i.exec(prefer);
  if (size) out.maxPageSize = Number(size[1]);
  const zone = /outlook\.timezone\s*=\s*"([^"]+)"|outlook\.timezone\s*=\s*([^,;\s]+)/i.exec(prefer);
  if (zone) out.timeZone = zone[1] ?? zone[2];
  if (/(?:^|[,\s])return\s*=\s*"?minimal"?(?=$|[,;\s])/i.test(prefer)) out.returnMinimal = true;
  return out;
}

export const json = (status: number, body: unknown, headers: Record<string, string> = {}): SandboxResponse => ({ status, body, headers });
