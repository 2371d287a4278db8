/**
 * An in-process Cosmos DB emulator (@vercel/cosmosdb-server) on an ephemeral port. It serves a freshly
 * generated self-signed certificate for 127.0.0.1, and clients trust exactly that certificate through
 * their own https agent: no global TLS bypass, no reliance on the package's expired bundled cert.
 */
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { createHttpsServer } from '@vercel/cosmosdb-server';
import { generate } from 'selfsigned';
import { openCosmosStores, provisionCosmos } from '../../server/store/cosmos';
import { serveTransactionalBatch, type FaultScript } from './cosmos-batch';
import type { Stores } from '../../server/store/types';

export interface TestCosmos {
  endpoint: string;
  /** Any key works against the emulator. */
  key: string;
  /** An agent that trusts only the emulator's certificate; give it to each CosmosClient. */
  agent: https.Agent;
  /** That certificate, for clients in another process. */
  caPem: string;
  /** The emulator's key pair (a test proxy in front of it serves the same certificate). */
  tls: { key: string; cert: string };
  /** Fails the requests the script names (see cosmos-batch.ts); undefined clears it. */
  setFaults(script: FaultScript | undefined): void;
  /** Provisions (the infrastructure step) and opens the stores in a fresh database (unique name) on this emulator. */
  openStores(database?: string): Promise<Stores>;
  close(): Promise<void>;
}

let dbCounter = 0;

export async function startCosmosEmulator(): Promise<TestCosmos> {
  const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keySize: 2048,
    algorithm: 'sha256',
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
  });
  const server = createHttpsServer({ key: pems.private, cert: pems.cert });
  // Real Cosmos runs transactional batches atomically; the emulator does not (cosmos-batch.ts).
  const layer = serveTransactionalBatch(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const agent = new https.Agent({ ca: pems.cert, keepAlive: true });
  const endpoint = `https://127.0.0.1:${port}`;
  const key = 'dGVzdC1rZXk=';
  const opened: Stores[] = [];
  return {
    endpoint,
    key,
    agent,
    caPem: pems.cert,
    tls: { key: pems.private, cert: pems.cert },
    setFaults: layer.setFaults,
    async openStores(database = `calsync_test_${process.pid}_${++dbCounter}`) {
      await provisionCosmos({ endpoint, key, database, agent });
      const stores = await openCosmosStores({ endpoint, key, database, agent });
      opened.push(stores);
      return stores;
    },
    async close() {
      if (!server.listening) return;
      for (const s of opened.splice(0)) await s.close();
      agent.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
