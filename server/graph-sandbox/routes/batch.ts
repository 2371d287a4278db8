import { json, type Route, type SandboxContext, type SandboxRequest, type SandboxResponse } from '../context';
import { GraphError, badRequest } from '../graph-error';
import { errorResponse, executeGraphRequest } from '../router';

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
  return { ...headers, 'OData-Version': '4.0', 'Content-Type': 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8' };
}

/**
 * Requests whose dependencies are done run together in one wave, so each counts against the mailbox
 * concurrency limit at the same time, as in Graph; a failed dependency yields 424 for its dependants.
 */
async function runBatch(ctx: SandboxContext, outer: SandboxRequest, items: BatchItem[]): Promise<BatchResult[]> {
  const results = new Map<string, BatchResult>();
  let pending = [...items];
  while (pending.length > 0) {
    const wave = pending.filter((i) => (i.dependsOn ?? []).every((d) => results.has(d)));
    if (wave.length === 0) throw badRequest('The dependsOn graph of the batch has a cycle.', 'BadRequest');
    pending = pending.filter((i) => !wave.includes(i));
    const responses = await Promise.all(
      wave.map((item): Promise<SandboxResponse> => {
        const failedDep = (item.dependsOn ?? []).find((d) => (results.get(d)?.status ?? 500) >= 400);
        if (failedDep) return Promise.resolve(errorResponse(outer, new GraphError(424, 'BadRequest', 'Failed dependency.')));
        return executeGraphRequest(ctx, innerRequest(outer, item), 0);
      }),
    );
    wave.forEach((item, i) => {
      const r = responses[i] as SandboxResponse;
      const headers = innerHeaders(r);
      results.set(item.id, { id: item.id, status: r.status, headers, ...(r.body !== undefined ? { body: r.body } : {}) });
    });
  }
  return items.map((i) => results.get(i.id) as BatchResult);
}

export const batchRoutes: Route[] = [
  {
    method: 'POST',
    pattern: /^\/\$batch$/i,
    mailboxScoped: false,
    handler: async (ctx, req) => {
      const items = parseBatch(req.body, ctx.limits.maxBatchRequests);
      ctx.accounting.countBatch();
      return json(200, { responses: await runBatch(ctx, req, items) });
    },
  },
];
