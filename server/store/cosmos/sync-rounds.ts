/**
 * A tenant's round summaries from the sync state container (../sync-state.ts, SyncRoundSummaries): its lease items
 * (only they have `deltas`), two fields each. A query over the tenant's prefix of the hierarchical key, read by scan
 * like tenant-data.ts: the container indexes nothing so that rounds' writes stay cheap, and this is an operator's
 * page load, not a round's cost. The WHERE clause names the tenant because the emulator ignores the partitionKey option.
 */
import type { Container } from '@azure/cosmos';
import type { MailboxRoundSummary, SyncRoundSummaries } from '../sync-state';
import { cosmosCall } from './util';

export class CosmosSyncRounds implements SyncRoundSummaries {
  constructor(private readonly container: Container) {}

  async ofTenant(tenantId: string): Promise<MailboxRoundSummary[]> {
    const query = {
      query: 'SELECT c.lease, c.lastRound FROM c WHERE c.tenantId = @tenantId AND IS_DEFINED(c.deltas)',
      parameters: [{ name: '@tenantId', value: tenantId }],
    };
    const { resources } = await cosmosCall('sync state', () =>
      this.container.items.query<Partial<MailboxRoundSummary>>(query, { partitionKey: [tenantId], enableScanInQuery: true }).fetchAll(),
    );
    return resources.map((r) => ({ lease: r.lease ?? null, lastRound: r.lastRound ?? null }));
  }
}
