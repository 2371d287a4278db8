/**
 * The Graph sandbox as the demo runs it: the demo team around today, each person under a stable object id
 * (demo-identities.ts), and the real Graph client and credential the sync uses in production, pointed at it.
 *
 * The sandbox keeps its mailboxes in memory and is rebuilt at every start (new event ids, new delta tokens);
 * what the demo keeps across restarts lives in the SQLite store (see fresh-sandbox-state.ts).
 */
import type { Client } from '@microsoft/microsoft-graph-client';
import type { Logger } from 'pino';
import { demoTeam, startGraphSandbox, type FaultSettings, type GraphSandbox } from '../graph-sandbox/src/index';
import { redactPaths } from '../graph-sandbox/src/logger';
import { openGraphAccess } from '../server/compose/graph';
import { DEMO_TENANT_ID, demoObjectId } from './demo-identities';
import { FABRIKAM_DOMAIN, FABRIKAM_TENANT_ID, fabrikamTeam } from './fabrikam';

export interface DemoSandbox {
  sandbox: GraphSandbox;
  /** App-only Graph client for the demo tenant (the sync's, and the demo routes' that read through Graph). */
  client: Client;
  /** Each sandbox tenant's client (the sync's: every job on its own tenant's token). */
  clientFor(tenantId: string): Client;
  /** The demo team's people (rooms left out), in the seed's order. */
  people: string[];
  stop(): Promise<void>;
}

/**
 * Graph's own service time, roughly: every request waits 25–40 ms. The sandbox's default is 0 (unit tests), and
 * with 0 its synchronous handlers never overlap, so the 4-in-flight MailboxConcurrency limit could never be met.
 */
export const DEMO_GRAPH_LATENCY: Pick<FaultSettings, 'latencyMs' | 'latencyJitterMs' | 'seed'> = { latencyMs: 25, latencyJitterMs: 15, seed: 1 };

/** Mailbox rounds the demo's sync runs at once (its in-process workers). */
export const DEMO_SYNC_WORKERS = 4;

export async function startDemoSandbox(options: { logger: Logger; anchor?: Date; latency?: Partial<FaultSettings> }): Promise<DemoSandbox> {
  const sandbox = await startGraphSandbox({
    port: 0,
    tenantId: DEMO_TENANT_ID,
    // Fabrikam: another organisation in the same sandbox, not yet a customer (no consent until it signs up).
    tenants: [{ id: FABRIKAM_TENANT_ID, displayName: 'Fabrikam', domains: [FABRIKAM_DOMAIN], consented: false }],
    scenario: 'empty',
    faults: { ...DEMO_GRAPH_LATENCY, ...options.latency },
    logger: options.logger.child({ component: 'graph-sandbox' }, { level: 'warn', redact: { paths: redactPaths, censor: '[redacted]' } }),
  });
  const team = demoTeam(options.anchor ?? new Date());
  // Mailboxes first, with their stable ids; seeding then skips users that exist and only adds the events.
  for (const user of team.users) sandbox.store.addMailbox({ ...user, id: demoObjectId(user.userPrincipalName) });
  sandbox.seed({ document: team });
  // After Contoso's week: its invitations to Fabrikam addresses stay external guests, as before Fabrikam existed here.
  sandbox.seed({ document: fabrikamTeam(options.anchor ?? new Date()) });
  const access = openGraphAccess({ credential: sandbox.credential, graphBaseUrl: sandbox.baseUrl, caPem: sandbox.caPem }, DEMO_SYNC_WORKERS);
  return {
    sandbox,
    client: access.client,
    clientFor: access.clientFor,
    people: team.users.filter((u) => !u.isResource).map((u) => u.userPrincipalName.toLowerCase()),
    async stop() {
      await sandbox.stop();
      await access.close();
    },
  };
}
