/**
 * The Cosmos emulator (@vercel/cosmosdb-server) for `npm run bench:load`, like tests/support/cosmos.ts but
 * counting what it serves — HTTP requests by kind and TLS connections — so the bench can report Cosmos
 * operations per API request, and with the emulator's keep-alive switch exposed (see BENCHMARKS.md: by
 * default it answers every request with `Connection: close`, so each operation pays a new TLS handshake,
 * which production Cosmos does not).
 */
import https from 'node:https';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CosmosClient } from '@azure/cosmos';
import { createHttpsServer } from '@vercel/cosmosdb-server';
import { generate } from 'selfsigned';

export interface EmulatorCounts {
  /** Requests by kind: "query", "queryPlan", "read", "create", "replace", "delete", "other". */
  requests: Record<string, number>;
  connections: number;
}

export interface LoadEmulator {
  endpoint: string;
  key: string;
  caPem: string;
  /** Counts since start (take differences). */
  counts(): EmulatorCounts;
  /** Documents now in a container (how much the emulator scans per query on it). */
  documents(database: string, container: string): Promise<number>;
  close(): Promise<void>;
}

function kindOf(req: IncomingMessage): string {
  const h = req.headers;
  if (h['x-ms-cosmos-is-query-plan-request']) return 'queryPlan';
  if (req.method === 'POST' && (h['x-ms-documentdb-isquery'] || h['content-type'] === 'application/query+json')) return 'query';
  if (!/\/docs(\/|$)/.test(req.url ?? '')) return 'other';
  return { GET: 'read', POST: 'create', PUT: 'replace', DELETE: 'delete' }[req.method ?? ''] ?? 'other';
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
  server.on('request', (req: IncomingMessage) => {
    const kind = kindOf(req);
    counts.requests[kind] = (counts.requests[kind] ?? 0) + 1;
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
