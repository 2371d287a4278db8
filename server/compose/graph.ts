/**
 * Graph access for every process (API with the sync, worker, CLI, demo): the configured credential, a client per
 * tenant, and one rule for how many sockets they may open.
 */
import type { TokenCredential } from '@azure/identity';
import type { Client } from '@microsoft/microsoft-graph-client';
import type { GraphCredentialConfig } from '../config/graph';
import { createGraphCredential, createTenantCredential } from '../sync/credential';
import { createTenantGraphClients, type GraphAccess } from '../sync/graph-client';
import { consentWatchingCredential } from '../sync/tenant-consent';

/** Where Graph is and how to sign in to it: the graph config section, or the demo's sandbox in that shape. */
export interface GraphTarget {
  credential: GraphCredentialConfig;
  graphBaseUrl: string;
  caPem?: string;
}

/**
 * Sockets to the Graph host for `roundsAtOnce` mailbox rounds: four requests in flight per round (Outlook's
 * per-mailbox concurrency limit, sync/mailbox-gate.ts), plus four for tokens, owner and user lookups. A process
 * running no rounds (doctor, a rules import) still gets one round's worth.
 */
export function graphSockets(roundsAtOnce: number): number {
  return 4 * Math.max(1, roundsAtOnce) + 4;
}

/**
 * Graph access: `client` is the home tenant's (the configured tenant: doctor, lookups, a single-tenant deployment),
 * `clientFor` any tenant's (the sync's jobs), `credential` the home tenant's (`calsync doctor` asks it for a token).
 */
export interface GraphConnection extends GraphAccess {
  credential: TokenCredential;
  clientFor(tenantId: string): Client;
}

/** `onConsentError`: a tenant's token request failed for lack of consent (the sync's TenantGate stops it). */
export function openGraphAccess(target: GraphTarget, roundsAtOnce: number, options: { onConsentError?(tenantId: string): void } = {}): GraphConnection {
  const home = target.credential.tenantId?.toLowerCase() ?? '';
  const credential = createGraphCredential(target.credential);
  const watched = (tenantId: string, inner: TokenCredential): TokenCredential =>
    options.onConsentError ? consentWatchingCredential(inner, () => options.onConsentError?.(tenantId)) : inner;
  const clients = createTenantGraphClients({
    // The home tenant's is `credential` itself: doctor's token and the home client's come from one credential.
    credentialFor: (tenantId) => watched(tenantId, tenantId === home ? credential : createTenantCredential(target.credential, tenantId)),
    baseUrl: target.graphBaseUrl,
    caPem: target.caPem,
    connections: graphSockets(roundsAtOnce),
  });
  return { client: clients.clientFor(home), clientFor: (tenantId) => clients.clientFor(tenantId), close: () => clients.close(), credential };
}
