import { createHash } from 'node:crypto';
import type { Container, SqlQuerySpec } from '@azure/cosmos';
import { StoreError } from '../types';

/** Cosmos system properties never leave the repository. */
export function stripSystem<T>(resource: Record<string, unknown>): { doc: T; etag: string } {
  const { _rid, _self, _ts, _attachments, _etag, ...doc } = resource;
  void _rid;
  void _self;
  void _ts;
  void _attachments;
  return { doc: doc as T, etag: String(_etag) };
}

export function statusOf(err: unknown): number | undefined {
  const e = err as { code?: unknown; statusCode?: unknown };
  if (typeof e?.code === 'number') return e.code;
  if (typeof e?.statusCode === 'number') return e.statusCode;
  return undefined;
}

/** Maps the Cosmos statuses the repositories expect to StoreErrors; rethrows the rest. */
export function mapCosmosError(err: unknown, what: string): never {
  switch (statusOf(err)) {
    case 404:
      throw new StoreError('not_found', `${what} not found`);
    case 409:
      throw new StoreError('conflict', `${what} already exists`);
    case 412:
      throw new StoreError('etag_mismatch', 'etag mismatch');
    case 400:
      if (/continuation/i.test(String((err as Error)?.message))) throw new StoreError('invalid_continuation', 'invalid continuation token');
      throw err;
    case 429:
      // Past the client's retries (COSMOS_THROTTLE_RETRIES); the SDK puts Cosmos's x-ms-retry-after-ms on the error.
      // https://learn.microsoft.com/azure/cosmos-db/nosql/troubleshoot-request-rate-too-large
      throw new StoreError('throttled', 'Cosmos DB is throttling requests (429)', retryAfterOf(err));
    case 413:
      // An item over 2 MB (https://learn.microsoft.com/azure/cosmos-db/concepts-limits#per-item-limits).
      throw new StoreError('too_large', `${what} is larger than Cosmos DB takes in one item`);
    case 408:
    case 449:
    case 500:
    case 503:
      throw new StoreError('unavailable', `Cosmos DB is unavailable (${statusOf(err)})`);
    default:
      if (isNetworkError(err)) throw new StoreError('unavailable', 'Cosmos DB is unreachable');
      throw err;
  }
}

function retryAfterOf(err: unknown): number | undefined {
  const e = err as { retryAfterInMs?: unknown; retryAfterInMilliseconds?: unknown; headers?: Record<string, unknown> };
  const raw = e?.retryAfterInMs ?? e?.retryAfterInMilliseconds ?? e?.headers?.['x-ms-retry-after-ms'];
  const ms = Number(raw);
  return Number.isFinite(ms) && ms > 0 ? ms : undefined;
}

function isNetworkError(err: unknown): boolean {
  const e = err as { code?: unknown; name?: unknown; cause?: { code?: unknown } };
  const code = typeof e?.code === 'string' ? e.code : typeof e?.cause?.code === 'string' ? e.cause.code : '';
  return /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|EPIPE|UND_ERR)/.test(code) || e?.name === 'TimeoutError' || e?.name === 'AbortError';
}

/** Runs a Cosmos call, turning expected statuses and outages into StoreErrors. */
export async function cosmosCall<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof StoreError) throw err;
    return mapCosmosError(err, what);
  }
}

/**
 * Reads one item of a tenant by id with a point read (partition key = tenant); undefined when missing. An item
 * whose tenantId is not the one asked for is treated as missing too (defence in depth: the partition key
 * already scopes the read, but every read keeps an explicit tenant check).
 */
export async function readItem(container: Container, tenantId: string, id: string, what: string): Promise<Record<string, unknown> | undefined> {
  const { resource, statusCode } = await cosmosCall(what, () => container.item(id, tenantId).read<Record<string, unknown>>());
  if (statusCode === 404 || !resource || resource.tenantId !== tenantId || resource.id !== id) return undefined;
  return resource;
}

/** Identifies one query (text and parameters) so a continuation token only continues the query that issued it. */
export function queryFingerprint(spec: SqlQuerySpec): string {
  return createHash('sha256').update(JSON.stringify(spec)).digest('base64url').slice(0, 16);
}

/** Cosmos continuation tokens are passed through inside an envelope naming the query they belong to. */
export function wrapContinuation(token: string | undefined, fingerprint: string): string | undefined {
  return token ? Buffer.from(JSON.stringify({ f: fingerprint, t: token }), 'utf8').toString('base64url') : undefined;
}

export function unwrapContinuation(token: string | undefined, fingerprint: string): string | undefined {
  if (token === undefined) return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { f?: unknown; t?: unknown };
    if (parsed.f === fingerprint && typeof parsed.t === 'string' && parsed.t.length > 0) return parsed.t;
  } catch {
    // fall through
  }
  throw new StoreError('invalid_continuation', 'invalid continuation token');
}

/** Text cut into pieces of at most `size` characters (at least one piece), for items under the 2 MB item limit. */
export function splitChunks(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out.length > 0 ? out : [''];
}
