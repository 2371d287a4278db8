/**
 * The tenant's change stamp on Cosmos (RuleRepository.changeStamp): one item per tenant in the rules container
 * (the tenant's partition), upserted with every rule write (in its batch when it has one) and settings write; the stamp is the item's _etag, which
 * the service replaces on every write of the item (https://learn.microsoft.com/azure/cosmos-db/nosql/database-transactions-optimistic-concurrency),
 * so reading it is one point read. A new item rather than the sets' counter items (rule-batch.ts): those move
 * only on capped writes and are one per set, where a round needs one read for the whole tenant.
 * The item has no `scope`, so the rule queries (which filter on it) never return it.
 */
import type { Container, OperationInput } from '@azure/cosmos';
import { cosmosCall, readItem, stripSystem } from './util';

/** Not a rule id (rule ids are `r_…` and never hold ':'). */
const CHANGE_STAMP_ID = 'changestamp:tenant';
/** What a tenant never written reads as (never an _etag, which Cosmos quotes). */
const INITIAL_STAMP = '0';

export class CosmosChangeStamps {
  constructor(private readonly rulesContainer: Container) {}

  async read(tenantId: string): Promise<string> {
    const resource = await readItem(this.rulesContainer, tenantId, CHANGE_STAMP_ID, 'change stamp');
    return resource ? stripSystem(resource).etag : INITIAL_STAMP;
  }

  /** The bump as a batch operation: batched rule writes move the stamp in the same transaction (rule-batch.ts). */
  operation(tenantId: string): OperationInput {
    return { operationType: 'Upsert', partitionKey: tenantId, resourceBody: { id: CHANGE_STAMP_ID, tenantId, kind: 'changeStamp' } };
  }

  /** After a single write committed: a reader never sees the new stamp before the new documents. */
  async bump(tenantId: string): Promise<void> {
    await cosmosCall('change stamp', () => this.rulesContainer.items.upsert({ id: CHANGE_STAMP_ID, tenantId, kind: 'changeStamp' }));
  }
}
