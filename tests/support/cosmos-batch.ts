/**
 * Transactional batch for the test emulator. @vercel/cosmosdb-server accepts batch requests but runs them one
 * operation at a time and keeps whatever succeeded before a failure, which real Cosmos never does. This layer
 * answers atomic batch requests (`x-ms-cosmos-is-batch-request` + `x-ms-cosmos-batch-atomic`) itself, as
 * Microsoft documents them:
 *  - all or nothing: when an operation fails, nothing of the batch is kept; the failed operation carries its own
 *    status and every other one 424 Failed Dependency
 *    (https://learn.microsoft.com/azure/cosmos-db/nosql/transactional-batch);
 *  - a failed batch is answered 207 Multi-Status with the per-operation results (the SDKs read those, see
 *    https://github.com/Azure/azure-cosmos-dotnet-v3/pull/947 and https://github.com/Azure/azure-sdk-for-js/issues/29100);
 *  - one logical partition: every operation's partition key is the batch's (same page);
 *  - at most 100 operations and 2 MB per batch (https://learn.microsoft.com/azure/cosmos-db/concepts-limits,
 *    "Per-request limits"); beyond that the request is refused whole (400 / 413).
 * The emulator's state lives in memory and its document operations are synchronous, so running a batch between
 * two awaits is isolated from every other request; a failure restores the collection's maps as they were, etags
 * and all.
 *
 * The layer also runs scripted faults (`FaultScript`): a test names which requests get which status, so outages
 * hit exactly the request the test means.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import getRawBody from 'raw-body';

// The emulator's own modules: its account (for the in-memory state) and its per-operation semantics.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const EmulatorAccount = require('@vercel/cosmosdb-server/lib/account').default as { prototype: EmulatorAccountShape };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const operations = require('@vercel/cosmosdb-server/lib/handler/_document-operations') as Record<
  string,
  (c: EmulatorCollection, op: BatchOperation) => OperationResult
>;

interface EmulatorDocuments {
  _data: Map<string, unknown>;
  _index: Map<string, string>;
  _ridCount: number;
}
interface EmulatorCollection {
  read(): { partitionKey?: { paths?: string[] } } | undefined;
  documents: EmulatorDocuments;
}
interface EmulatorAccountShape {
  read(): { writableLocations: { databaseAccountEndpoint: string }[] };
  database(id: string): { collection(id: string): EmulatorCollection };
}
interface BatchOperation {
  operationType: string;
  id?: string;
  partitionKey?: string;
  ifMatch?: string;
  resourceBody?: Record<string, unknown>;
}
interface OperationResult {
  statusCode: number;
  body?: { _etag?: string } & Record<string, unknown>;
}

export const MAX_BATCH_OPERATIONS = 100;
export const MAX_BATCH_BYTES = 2 * 1024 * 1024;

/** Which requests fail, decided per request: a status to answer with (no state change), or undefined to pass. */
export type FaultScript = (req: { method: string; path: string; isBatch: boolean; isQuery: boolean }) => number | undefined;

const HANDLERS: Record<string, string> = {
  Create: 'createOperation',
  Upsert: 'upsertOperation',
  Read: 'readOperation',
  Delete: 'deleteOperation',
  Replace: 'replaceOperation',
};

/** Accounts by port: the emulator keeps its account in a closure, so it is recorded when first used. */
const accounts = new Map<number, EmulatorAccountShape>();
let recording = false;
function recordAccounts(): void {
  if (recording) return;
  recording = true;
  const database = EmulatorAccount.prototype.database;
  EmulatorAccount.prototype.database = function (this: EmulatorAccountShape, id: string) {
    const port = Number(new URL(this.read().writableLocations[0]!.databaseAccountEndpoint).port);
    accounts.set(port, this);
    return database.call(this, id);
  };
}

const headerIsTrue = (req: IncomingMessage, name: string): boolean => String(req.headers[name] ?? '').toLowerCase() === 'true';

function send(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json');
  res.setHeader('x-ms-activity-id', randomUUID());
  res.setHeader('x-ms-request-charge', '1');
  res.end(JSON.stringify(body));
}

/** The value of a JSON partition key header or operation field (`["t1"]` or `"t1"`), as a string. */
function partitionValue(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const parsed = JSON.parse(raw) as unknown;
  return JSON.stringify(Array.isArray(parsed) ? parsed : [parsed]);
}

function valueAt(doc: Record<string, unknown> | undefined, path: string): unknown {
  let v: unknown = doc;
  for (const key of path.split('/').filter(Boolean)) v = (v as Record<string, unknown> | undefined)?.[key];
  return v;
}

/** Runs one atomic batch on the collection: every operation applied, or none (state restored). */
export function runAtomicBatch(collection: EmulatorCollection, batchKey: string, ops: BatchOperation[]): { status: number; results: unknown[] } {
  const keyPath = collection.read()?.partitionKey?.paths?.[0] ?? '/id';
  for (const op of ops) {
    const own = op.resourceBody ? JSON.stringify([valueAt(op.resourceBody, keyPath)]) : partitionValue(op.partitionKey);
    if (own !== undefined && own !== batchKey) return { status: 400, results: [{ message: 'every operation of a batch must be in the batch partition key' }] };
  }
  const docs = collection.documents;
  const saved = { data: new Map(docs._data), index: new Map(docs._index), ridCount: docs._ridCount };
  const results: OperationResult[] = [];
  try {
    for (const op of ops) {
      const handler = HANDLERS[op.operationType];
      if (!handler) return restore({ status: 400, results: [{ message: `operation ${op.operationType} is not supported in a batch` }] });
      const result = operations[handler]!(collection, { ...op, partitionKey: op.partitionKey ?? batchKey });
      results.push(result);
      if (result.statusCode >= 400) break;
    }
  } catch (err) {
    return restore({ status: 500, results: [{ message: String(err) }] });
  }
  const failed = results.find((r) => r.statusCode >= 400);
  if (!failed) {
    return { status: 200, results: results.map((r) => ({ statusCode: r.statusCode, requestCharge: 1, eTag: r.body?._etag, resourceBody: r.body })) };
  }
  return restore({
    status: 207,
    results: ops.map((_, i) => (results[i] === failed ? { statusCode: failed.statusCode, requestCharge: 1 } : { statusCode: 424, requestCharge: 0 })),
  });

  function restore<T>(answer: T): T {
    docs._data = saved.data;
    docs._index = saved.index;
    docs._ridCount = saved.ridCount;
    return answer;
  }
}

async function handleBatch(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
  const raw = await getRawBody(req);
  if (raw.length > MAX_BATCH_BYTES) return send(res, 413, { code: 'RequestEntityTooLarge', message: 'a batch request is at most 2 MB' });
  const ops = JSON.parse(raw.toString('utf8')) as BatchOperation[];
  if (!Array.isArray(ops) || ops.length === 0 || ops.length > MAX_BATCH_OPERATIONS) {
    return send(res, 400, { code: 'BadRequest', message: `a batch holds 1 to ${MAX_BATCH_OPERATIONS} operations` });
  }
  const match = /^\/+dbs\/([^/]+)\/colls\/([^/]+)\/docs\/?$/.exec(path);
  const account = accounts.get(req.socket.localPort ?? -1);
  const batchKey = partitionValue(req.headers['x-ms-documentdb-partitionkey'] as string | undefined);
  if (!match || !account || batchKey === undefined) return send(res, 400, { code: 'BadRequest', message: 'batch: unknown collection or no partition key' });
  const collection = account.database(decodeURIComponent(match[1]!)).collection(decodeURIComponent(match[2]!));
  if (!collection.read()) return send(res, 404, { code: 'NotFound', message: 'collection not found' });
  const { status, results } = runAtomicBatch(collection, batchKey, ops);
  send(res, status, status >= 400 && status !== 207 ? results[0] : results);
}

/**
 * Puts the layer in front of the emulator's request handler. Returns a setter for the fault script
 * (undefined: no faults).
 */
export function serveTransactionalBatch(server: Server): { setFaults(script: FaultScript | undefined): void } {
  recordAccounts();
  const emulator = server.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
  server.removeAllListeners('request');
  let faults: FaultScript | undefined;
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'https://emulator').pathname;
    const isBatch = headerIsTrue(req, 'x-ms-cosmos-is-batch-request');
    const isQuery = headerIsTrue(req, 'x-ms-documentdb-isquery') || req.headers['content-type'] === 'application/query+json';
    const fault = faults?.({ method: req.method ?? 'GET', path, isBatch, isQuery });
    if (fault !== undefined) {
      req.resume();
      return send(res, fault, { code: 'ScriptedFault', message: `scripted fault ${fault}` });
    }
    if (isBatch && headerIsTrue(req, 'x-ms-cosmos-batch-atomic')) {
      handleBatch(req, res, path).catch((err: unknown) => send(res, 500, { message: String(err) }));
      return;
    }
    for (const listener of emulator) listener.call(server, req, res);
  });
  return {
    setFaults(script) {
      faults = script;
    },
  };
}
