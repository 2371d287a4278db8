/**
 * The onboarding pages over a Graph sandbox whose tenants have not consented yet: the sandbox, the app's Graph access
 * (the consent proof's tokens), a SQLite store and createApp with `/onboard`, listening on 127.0.0.1.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { Agent } from 'undici';
import { createApp } from '../../server/app';
import { openGraphAccess, type GraphConnection } from '../../server/compose/graph';
import { startGraphSandbox, type GraphSandbox } from '../../graph-sandbox/src/index';
import { graphConsentProof } from '../../server/services/consent-proof';
import { openSqliteStores } from '../../server/store/sqlite';
import type { Stores } from '../../server/store/types';
import { tempSqliteDir } from './sqlite';

export interface OnboardingStack {
  sandbox: GraphSandbox;
  graph: GraphConnection;
  stores: Stores;
  /** The service's origin (http://127.0.0.1:port). */
  base: string;
  /** An HTTP agent that trusts the sandbox's certificate (the admin's visit to its admin-consent endpoint). */
  toSandbox: Agent;
  close(): Promise<void>;
}

export async function startOnboardingStack(
  tenants: Array<{ id: string; displayName: string; domains: string[] }>,
  mailboxes: Array<{ userPrincipalName: string; displayName: string }>,
): Promise<OnboardingStack> {
  const sandbox = await startGraphSandbox({ tenants: tenants.map((t) => ({ ...t, consented: false })) });
  for (const m of mailboxes) sandbox.store.addMailbox(m);
  const graph = openGraphAccess({ credential: sandbox.credential, graphBaseUrl: sandbox.baseUrl, caPem: sandbox.caPem }, 4);
  const temp = tempSqliteDir();
  const stores = openSqliteStores({ path: temp.dbPath() });
  const app = createApp({
    stores,
    verifier: { verify: () => Promise.reject(new Error('no bearer calls here')) },
    logger: pino({ level: 'silent' }),
    onboarding: { proof: graphConsentProof(graph.clientFor), stateKey: randomBytes(32), clientId: sandbox.app.clientId, authorityHost: sandbox.authorityHost },
  });
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const toSandbox = new Agent({ connect: { ca: sandbox.caPem } });
  return {
    sandbox,
    graph,
    stores,
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    toSandbox,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await toSandbox.close();
      await graph.close();
      await stores.close();
      await sandbox.stop();
      temp.remove();
    },
  };
}
