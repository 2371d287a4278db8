/**
 * Graph access for every process (API with the sync, worker, CLI, demo): the configured credential, the client,
 * and one rule for how many sockets it may open.
 */
import type { TokenCredential } from '@azure/identity';
import type { GraphCredentialConfig } from '../config/graph';
import { createGraphCredential } from '../sync/credential';
import { createGraphAccess, type GraphAccess } from '../sync/graph-client';

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

/** Graph access and the credential behind it (`calsync doctor` asks it for a token before any Graph call). */
export interface GraphConnection extends GraphAccess {
  credential: TokenCredential;
}

export function openGraphAccess(target: GraphTarget, roundsAtOnce: number): GraphConnection {
  const credential = createGraphCredential(target.credential);
  const access = createGraphAccess({ credential, baseUrl: target.graphBaseUrl, caPem: target.caPem, connections: graphSockets(roundsAtOnce) });
  return { ...access, credential };
}
