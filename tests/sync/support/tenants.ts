/**
 * Several customer tenants in one Graph sandbox, and the sync wired to them as a deployment is: SQLite stores with
 * each tenant's settings, and Graph access with a client per tenant (openGraphAccess: one multi-tenant app, each
 * tenant's own credential and token).
 */
import { openGraphAccess, type GraphConnection } from '../../../server/compose/graph';
import { startGraphSandbox, type GraphSandbox, type GraphSandboxOptions, type SeedDocument } from '../../../graph-sandbox/src/index';
import { openSqliteStores } from '../../../server/store/sqlite';
import type { Stores } from '../../../server/store/types';
import { tempSqliteDir } from '../../support/sqlite';
import { at } from './team';

export interface TestTenant {
  id: string;
  domain: string;
  mailboxes: number;
}

export interface TenantsStack {
  sandbox: GraphSandbox;
  stores: Stores;
  graph: GraphConnection;
  /** Each tenant's mailbox UPNs, in order. */
  upns: Record<string, string[]>;
  close(): Promise<void>;
}

/** `user<i>@<domain>` with one meeting-free event each, so a round reads something. */
function tenantDocument(tenant: TestTenant): SeedDocument {
  const users = Array.from({ length: tenant.mailboxes }, (_, i) => ({ userPrincipalName: `user${i}@${tenant.domain}`, displayName: `User ${i}` }));
  return {
    users,
    events: users.map((u, i) => ({
      organizer: u.userPrincipalName,
      subject: `Planning ${i}`,
      start: { dateTime: at(1, 10), timeZone: 'UTC' },
      end: { dateTime: at(1, 11), timeZone: 'UTC' },
    })),
  };
}

export async function startTenantsStack(
  tenants: TestTenant[],
  options: { sandbox?: Omit<GraphSandboxOptions, 'tenants' | 'scenario'>; consented?: boolean; onConsentError?: (tenantId: string) => void } = {},
): Promise<TenantsStack> {
  const sandbox = await startGraphSandbox({
    ...options.sandbox,
    tenants: tenants.map((t) => ({ id: t.id, displayName: t.domain, domains: [t.domain], consented: options.consented ?? true })),
  });
  const temp = tempSqliteDir();
  const stores = openSqliteStores({ path: temp.dbPath() });
  const upns: Record<string, string[]> = {};
  for (const tenant of tenants) {
    const doc = tenantDocument(tenant);
    sandbox.seed({ document: doc });
    upns[tenant.id] = doc.users.map((u) => u.userPrincipalName);
    await stores.settings.put(
      {
        tenantId: tenant.id,
        internalDomains: [tenant.domain],
        enrolledMailboxes: upns[tenant.id] as string[],
        syncWindowDays: { past: 30, future: 365 },
        orgRulesLocked: false,
        updatedAt: new Date().toISOString(),
        updatedBy: 'test',
      },
      null,
    );
  }
  const graph = openGraphAccess({ credential: sandbox.credential, graphBaseUrl: sandbox.baseUrl, caPem: sandbox.caPem }, 4, {
    onConsentError: options.onConsentError,
  });
  return {
    sandbox,
    stores,
    graph,
    upns,
    close: async () => {
      await graph.close();
      await stores.close();
      await sandbox.stop();
      temp.remove();
    },
  };
}
