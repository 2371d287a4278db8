/**
 * The Cosmos emulator (@vercel/cosmosdb-server) for `npm run bench:load`, like tests/support/cosmos.ts but
 * counting what it serves — HTTP requests by kind and TLS connections — so the bench can report Cosmos
 * operations per API request, and with the emulator's keep-alive switch exposed (see BENCHMARKS.md: by
 * default it answers every request with `Connection: close`, so each operation pays a new TLS handshake,
 * which production Cosmos does not).
 */
import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CosmosClient } from '@azure/cosmos';
import { createHttpsServer } from '@vercel/cosmosdb-server';
import { generate } from 'selfsigned';

export interface EmulatorCounts {
  /** Requests by kind: "query", "queryPlan", "read", "create", "upsert", "replace", "patch", "delete", "other". */
  requests: Record<string, number>;
  connections: number;
}

/** One request the emulator served: its kind, the container it addressed and the bytes each way. */
export interface EmulatorOperation {
  kind: string;
  container: string | null;
  /** The item addressed (from the URL, or a create's body); null for queries and metadata. */
  itemId: string | null;
  requestBytes: number;
  responseBytes: number;
}

export interface LoadEmulator {
  endpoint: string;
  key: string;
  caPem: string;
  /** Counts since start (take differences). */
  counts(): EmulatorCounts;
  /** Every request served since the last call (empties the log); recording starts with the first call. */
  takeOperations(): EmulatorOperation[];
  /** Documents now in a container (how much the emulator scans per query on it). */
  documents(database: string, container: string): Promise<number>;
  close(): Promise<void>;
}

function kindOf(req: IncomingMessage): string {
  const h = req.headers;
  if (h['x-ms-cosmos-is-query-plan-request']) return 'queryPlan';
  if (req.method === 'POST' && (h['x-ms-documentdb-isquery'] || h['content-type'] === 'application/query+json')) return 'query';
  if (!/\/docs(\/|$)/.test(req.url ?? '')) return 'other';
  if (req.method === 'POST' && h['x-ms-documentdb-is-upsert'] === 'true') return 'upsert';
  return { GET: 'read', POST: 'create', PUT: 'replace', PATCH: 'patch', DELETE: 'delete' }[req.method ?? ''] ?? 'other';
}

/** Logs the request once its response is sent: body sizes as they crossed the wire (what Cosmos bills by). */
function recordOperation(log: EmulatorOperation[], kind: string, req: IncomingMessage, res: ServerResponse): void {
  let requestBytes = 0;
  let responseBytes = 0;
  const body: Buffer[] = [];
  req.on('data', (chunk: Buffer) => {
    requestBytes += chunk.length;
    if (kind === 'create' || kind === 'upsert') body.push(chunk);
  });
  const write = res.write.bind(res) as (...args: unknown[]) => boolean;
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  const count = (chunk: unknown): void => {
    if (typeof chunk === 'string' || chunk instanceof Uint8Array) responseBytes += Buffer.byteLength(chunk);
  };
  res.write = ((...args: unknown[]) => (count(args[0]), write(...args))) as typeof res.write;
  res.end = ((...args: unknown[]) => (typeof args[0] !== 'function' && count(args[0]), end(...args))) as typeof res.end;
  const container = /\/colls\/([^/]+)/.exec(req.url ?? '')?.[1] ?? null;
  const inUrl = /\/docs\/([^/?]+)/.exec(req.url ?? '')?.[1];
  res.on('finish', () => {
    let itemId = inUrl ? decodeURIComponent(inUrl) : null;
    if (!itemId && body.length > 0) itemId = String((JSON.parse(Buffer.concat(body).toString('utf8')) as { id?: unknown }).id);
    log.push({ kind, container: container && decodeURIComponent(container), itemId, requestBytes, responseBytes });
  });
}

export async function startLoadEmulator(options: { keepAlive: boolean }): Promise<LoadEmulator> {
  const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keySize: 2048,
    algorithm: 'sha256',
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
  });
  // keepAlive is the emulator's own option (its typings omit it): it then answers `Connection: keep-alive`.
  const server = createHttpsServer({ key: pems.private, cert: pems.cert, keepAlive: options.keepAlive } as Parameters<typeof createHttpsServer>[0]);
  const counts: EmulatorCounts = { requests: {}, connections: 0 };
  server.on('secureConnection', () => counts.connections++);
  let log: EmulatorOperation[] | null = null;
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const kind = kindOf(req);
    counts.requests[kind] = (counts.requests[kind] ?? 0) + 1;
    if (log) recordOperation(log, kind, req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const key = 'dGVzdC1rZXk=';
  const agent = new https.Agent({ ca: pems.cert, keepAlive: true });
  const client = new CosmosClient({ endpoint, key, agent });
  return {
    endpoint,
    key,
    caPem: pems.cert,
    counts: () => ({ requests: { ...counts.requests }, connections: counts.connections }),
    takeOperations() {
      const taken = log ?? [];
      log = [];
      return taken;
    },
    async documents(database, container) {
      // A read feed, not a query (no query plan, no partition key), in one page: the emulator re-scans the
      // whole container for every page, so paging through a large one is quadratic.
      const feed = client.database(database).container(container).items.readAll({ maxItemCount: 1_000_000 });
      return (await feed.fetchNext()).resources.length;
    },
    async close() {
      client.dispose();
      agent.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
