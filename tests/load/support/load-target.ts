/** The API as a load test sees it: createApp on a real store, listening on 127.0.0.1, and tokens for N users. */
import type { Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp, type AppDeps } from '../../../server/app';
import { createTokenVerifier } from '../../../server/auth/verifier';
import { silentLogger } from '../../support/app';
import https from 'node:https';
import { openCosmosStores, provisionCosmos } from '../../../server/store/cosmos';
import type { Stores } from '../../../server/store/types';
import { storeHarness, type StoreKind } from '../../support/stores';
import { startTestIssuer } from '../../support/token-issuer';
import { TENANT_A } from '../../support/tokens';
import { seedCustomerTenants } from '../../support/tenants';

export interface LoadTarget {
  baseUrl: string;
  authHeaders: string[];
  /** Resolves once no request is in progress (those a load generator gave up on included). */
  idle(): Promise<void>;
  close(): Promise<void>;
}

/** A Cosmos emulator running elsewhere (the benchmark keeps it out of the API's process). */
export interface ExternalCosmos {
  endpoint: string;
  key: string;
  caPem: string;
}

/** `overload`: the API's overload limits (default: the service's defaults, which the benchmark measures). */
export async function startLoadTarget(kind: StoreKind, users: number, external?: ExternalCosmos, overload?: AppDeps['overload']): Promise<LoadTarget> {
  let stores: Stores;
  let closeStore: () => Promise<void>;
  if (kind === 'cosmos' && external) {
    const agent = new https.Agent({ ca: external.caPem, keepAlive: true });
    const location = { endpoint: external.endpoint, key: external.key, database: `calsync_load_${process.pid}`, agent };
    await provisionCosmos(location);
    stores = await openCosmosStores(location);
    closeStore = async () => {
      await stores.close();
      agent.destroy();
    };
  } else {
    const harness = await storeHarness(kind);
    stores = await harness.open();
    closeStore = () => harness.close();
  }
  await seedCustomerTenants(stores, [TENANT_A]);
  const issuer = await startTestIssuer();
  const verifier = createTokenVerifier({
    audience: issuer.audience,
    jwksUrl: issuer.jwksUrl,
    issuerTemplate: issuer.issuerTemplate,
    allowedTenants: [TENANT_A],
  });
  // The per-user rate limit is for abuse, not for a load test of throughput.
  const app = createApp({ stores, verifier, logger: silentLogger, rateLimitPerMinute: 1_000_000, overload });
  const server: Server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  let inFlight = 0;
  const whenIdle: Array<() => void> = [];
  server.on('request', (_req, res: ServerResponse) => {
    inFlight++;
    res.once('close', () => {
      if (--inFlight === 0) for (const resolve of whenIdle.splice(0)) resolve();
    });
  });
  const authHeaders: string[] = [];
  for (let i = 0; i < users; i++) {
    const oid = `0a000000-0000-4000-9000-${String(i).padStart(12, '0')}`;
    const token = await issuer.mint({ claims: { tid: TENANT_A, oid, sub: `sub-${oid}`, scp: 'Rules.ReadWrite', preferred_username: `load${i}@contoso.com` } });
    authHeaders.push(`Bearer ${token}`);
  }
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    authHeaders,
    idle: () => (inFlight === 0 ? Promise.resolve() : new Promise<void>((resolve) => whenIdle.push(resolve))),
    async close() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await issuer.close();
      await closeStore();
    },
  };
}
