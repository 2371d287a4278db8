/**
 * `calsync tenants offboard <id> [--undo-stamps] --yes`: deletes everything this deployment holds for a tenant
 * (services/offboarding.ts), its Graph subscriptions included when Graph access is configured. Without --yes it only
 * counts what would go and exits 1. With --undo-stamps the tenant is first marked offboarded (so the sync stops
 * stamping), then `calsync undo` runs for its enrolled mailboxes; only when every mailbox was undone does the erase
 * start, because undo needs the stamp mirror the erase deletes.
 */
import type { Command } from 'commander';
import type { Client } from '@microsoft/microsoft-graph-client';
import { openGraphAccess, type GraphConnection } from '../../compose/graph';
import { loadGraphConfig } from '../../config/graph';
import { loadStoreConfig } from '../../config/store';
import { DomainError } from '../../domain/errors';
import { TenantOffboarding, type GraphSubscriptionRemover, type OffboardingStep } from '../../services/offboarding';
import { TenantService, type TenantActor } from '../../services/tenants';
import { openStores } from '../../store/open-stores';
import { totalOf, type TenantDataCounts } from '../../store/tenant-data';
import { CliError, type CliIo } from '../io';
import { describeRefusal } from '../store-admin';
import { runSyncCommand } from './sync';

const countsLine = (counts: TenantDataCounts): string =>
  Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([kind, n]) => `${kind} ${n}`)
    .join(', ') || 'nothing';

/** Graph access for subscription deletes, when the environment configures it; undefined (with the reason) otherwise. */
function graphRemover(io: CliIo): { remover?: GraphSubscriptionRemover; connection?: GraphConnection; reason?: string } {
  let connection: GraphConnection;
  try {
    connection = openGraphAccess(loadGraphConfig(io.env), 4);
  } catch (err) {
    return { reason: err instanceof Error ? err.message.split('\n')[0] : String(err) };
  }
  const remover: GraphSubscriptionRemover = {
    async deleteSubscription(tenantId, subscriptionId) {
      const client: Client = connection.clientFor(tenantId);
      try {
        await client.api(`/subscriptions/${encodeURIComponent(subscriptionId)}`).delete();
      } catch (err) {
        // Already gone in Graph (expired, or an earlier run deleted it): the aim is reached.
        if ((err as { statusCode?: number }).statusCode === 404) return;
        throw err;
      }
    },
  };
  return { remover, connection };
}

function describeStep(step: OffboardingStep): string {
  switch (step.step) {
    case 'marked':
      return 'marked offboarded: the API and the sync no longer act for it';
    case 'subscription':
      return `subscription ${step.subscriptionId}: ${step.inGraph === 'deleted' ? 'deleted in Graph' : step.inGraph === 'failed' ? `not deleted in Graph (${step.error}); it ends at its expiry` : 'forgotten (no Graph access configured; it ends at its expiry)'}`;
    case 'erased':
      return `erased: ${countsLine(step.counts)}`;
    case 'record_deleted':
      return 'tenant record deleted';
  }
}

export function registerOffboardCommand(tenants: Command, io: CliIo, operator: () => TenantActor, setExit: (code: number) => void): void {
  tenants
    .command('offboard <id>')
    .description('delete everything held for a tenant (rules, settings, audit, sync state, subscriptions, then its record)')
    .option('--undo-stamps', 'first remove the categories CalSync stamped in its enrolled mailboxes')
    .option('--yes', 'really delete (without it, only count what would be deleted)')
    .action(async (id: string, opts: { undoStamps?: boolean; yes?: boolean }) => {
      const stores = await openStores(loadStoreConfig(io.env));
      const graph = opts.yes ? graphRemover(io) : {};
      try {
        const service = new TenantService(stores, { accessCacheTtlMs: 0 });
        const tenantId = id.trim().toLowerCase();
        const record = await service.get(tenantId);
        const held = await stores.tenantData.count(tenantId);
        if (!record && totalOf(held) === 0) throw new CliError(`${id}: no such tenant, and nothing is held for it`, 1);
        io.stdout.write(`${tenantId} (${record ? `${record.displayName}, ${record.status}` : 'no record'}) holds: ${countsLine(held)}\n`);
        if (!opts.yes) {
          io.stdout.write('nothing deleted: add --yes to offboard this tenant\n');
          setExit(1);
          return;
        }
        const actor = operator();
        if (opts.undoStamps) {
          if (record && record.status !== 'offboarded') await service.markOffboarded(actor, tenantId);
          io.stdout.write('undoing stamps in the enrolled mailboxes…\n');
          const undone = await runSyncCommand(io, 'undo', { tenant: tenantId });
          if (undone !== 0) throw new CliError('undo failed for some mailboxes: nothing was erased; run offboard again once they can be undone', 1);
        }
        if (!graph.remover) io.stdout.write(`no Graph access (${graph.reason}): subscriptions are forgotten here and end at their expiry in Graph\n`);
        const result = await new TenantOffboarding(stores, service, graph.remover).offboard(actor, tenantId, (step) =>
          io.stdout.write(`${describeStep(step)}\n`),
        );
        const left = totalOf(result.left);
        io.stdout.write(
          left === 0
            ? `offboarded ${tenantId}: nothing of it is left in the store\n`
            : `offboarded ${tenantId}, but ${countsLine(result.left)} appeared meanwhile (a round already under way): run offboard again\n`,
        );
        setExit(left === 0 ? 0 : 1);
      } catch (err) {
        if (err instanceof DomainError) throw new CliError(describeRefusal(err), 1);
        throw err;
      } finally {
        await stores.close();
        await graph.connection?.close();
      }
    });
}
