import { json, type Route, type SandboxContext, type SandboxRequest, type SandboxResponse } from '../context';
import { errorResponse } from '../error-response';
import { GraphError, badRequest } from '../graph-error';

/** How one inner request runs: the router's executeGraphRequest (throttling, accounting, the handler). */
export type ExecuteGraphRequest = (ctx: SandboxContext, req: SandboxRequest, holdMs: number) => Promise<SandboxResponse>;

interface BatchItem {
  id: string;
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
  dependsOn?: string[];
}

interface BatchResult {
  id: string;
  status: number;
  headers: Record<string, string>;
  body?: unknown;
}

function parseBatch(body: unknown, max: number): BatchItem[] {
  const requests = (body as { requests?: unknown } | null)?.requests;
  if (!Array.isArray(requests)) throw badRequest('Invalid batch payload format.', 'BadRequest');
  if (requests.length === 0) throw badRequest('Invalid batch payload format.', 'BadRequest');
  if (requests.length > max) throw badRequest(`The number of requests in a batch cannot exceed ${max}.`, 'BadRequest');
  const ids = new Set<string>();
  const items = requests.map((r: BatchItem) => {
    if (!r || typeof r.id !== 'string' || typeof r.method !== 'string' || typeof r.url !== 'string') {
      throw badRequest('Each batch request needs id, method and url.', 'BadRequest');
    }
    if (ids.has(r.id)) throw badRequest(`Request ids must be unique within a batch: '${r.id}'.`, 'BadRequest');
    ids.add(r.id);
    return { ...r, method: r.method.toUpperCase() };
  });
  for (const item of items) {
    for (const dep of item.dependsOn ?? []) if (!ids.has(dep)) throw badRequest(`Request '${item.id}' depends on unknown request '${dep}'.`, 'BadRequest');
  }
  return items;
}

/**
 * Graph accepts two shapes only: fully parallel (no request has dependsOn) or fully sequential (each request
 * after the first depends on exactly the one before it). Anything in between is refused whole with 400, whatever
 * the json-batching page's own mixed example suggests: microsoftgraph/microsoft-graph-docs#16280 (the example
 * "would get a 400 Bad Request: Batch should be either fully sequential or fully parallel", confirmed and the page
 * fixed by the docs team). An empty dependsOn counts as none (msgraph-sdk-python-core#996 sends `[]`).
 */
function batchShape(items: readonly BatchItem[]): 'parallel' | 'sequential' {
  const deps = items.map((i) => i.dependsOn ?? []);
  if (deps.every((d) => d.length === 0)) return 'parallel';
  const sequential = deps.every((d, i) => (i === 0 ? d.length === 0 : d.length === 1 && d[0] === items[i - 1]!.id));
  if (!sequential) throw badRequest('Batch should be either fully sequential or fully parallel.', 'BadRequest');
  return 'sequential';
}

function innerRequest(outer: SandboxRequest, item: BatchItem): SandboxRequest {
  const url = new URL(item.url.replace(/^\/?(v1\.0\/)?/, '/'), 'https://batch.invalid');
  // Graph reads each inner request's own headers; nothing of the outer request's (Prefer included) carries over.
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(item.headers ?? {})) headers[k.toLowerCase()] = String(v);
  return { ...outer, method: item.method, path: url.pathname, query: url.searchParams, headers, body: item.body, inner: true };
}

/**
 * The headers of one inner response as the json-batching example shows them: Cache-Control on every one; a
 * successful body is OData JSON (with OData-Version), an error body plain JSON. The handler's own (Retry-After,
 * Location…) are kept.
 */
function innerHeaders(r: SandboxResponse): Record<string, string> {
  const headers: Record<string, string> = { 'Cache-Control': 'no-cache', ...(r.headers ?? {}) };
  if (r.body === undefined) return headers;
  if (r.status >= 400) return { ...headers, 'Content-Type': 'application/json' };
  return {
    ...headers,
    'OData-Version': '4.0',
    'Content-Type': 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8',
  };
}

/**
 * Graph dispatches at most 4 of a batch's requests at a time (Microsoft's answer on Q&A 1660054: "Microsoft Graph
 * dispatches up to four individual requests from a batch to the Outlook service simultaneously"; throttling-limits,
 * "Outlook service limits" for JSON batching), so 5 parallel requests to one mailbox are not a 429 by themselves.
 * Each inner request is a request like any other: it takes its own latency and one of the mailbox's 4 slots while
 * it runs (executeGraphRequest), so a sequential batch of N holds one slot for N latencies and a parallel batch
 * of 4 holds 4 slots for one.
 */
const GRAPH_BATCH_DISPATCH = 4;

function toResult(item: BatchItem, r: SandboxResponse): BatchResult {
  return { id: item.id, status: r.status, headers: innerHeaders(r), ...(r.body !== undefined ? { body: r.body } : {}) };
}

/** One request after another; after a failure the rest answer 424 without running (json-batching, dependsOn). */
async function runSequential(execute: ExecuteGraphRequest, ctx: SandboxContext, outer: SandboxRequest, items: BatchItem[]): Promise<BatchResult[]> {
  const results: BatchResult[] = [];
  let failed = false;
  for (const item of items) {
    const r = failed
      ? errorResponse(outer, new GraphError(424, 'BadRequest', 'Failed dependency.'))
      : await execute(ctx, innerRequest(outer, item), ctx.faults.latencyFor());
    if (r.status >= 400) failed = true;
    results.push(toResult(item, r));
  }
  return results;
}

/** Up to 4 requests at once, each starting as another finishes. */
async function runParallel(execute: ExecuteGraphRequest, ctx: SandboxContext, outer: SandboxRequest, items: BatchItem[]): Promise<BatchResult[]> {
  const results = new Array<BatchResult>(items.length);
  let next = 0;
  const dispatcher = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      const item = items[index]!;
      results[index] = toResult(item, await execute(ctx, innerRequest(outer, item), ctx.faults.latencyFor()));
    }
  };
  await Promise.all(Array.from({ length: Math.min(GRAPH_BATCH_DISPATCH, items.length) }, dispatcher));
  return results;
}

export const batchRoutes = (execute: ExecuteGraphRequest): Route[] => [
  {
    method: 'POST',
    pattern: /^\/\$batch$/i,
    mailboxScoped: false,
    handler: async (ctx, req) => {
      const items = parseBatch(req.body, ctx.limits.maxBatchRequests);
      const shape = batchShape(items);
      ctx.accounting.countBatch();
      const responses = shape === 'sequential' ? await runSequential(execute, ctx, req, items) : await runParallel(execute, ctx, req, items);
      return json(200, { responses });
    },
  },
];
