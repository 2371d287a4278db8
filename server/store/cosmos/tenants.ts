/**
 * Tenant records on Cosmos: container `tenants`, partitioned by /tenantId, one item per tenant whose id is the
 * tenant id, so `get` is a point read. `listAll` is the one cross-partition query here: operators list every
 * tenant by design.
 */
import type { Container } from '@azure/cosmos';
import type { StoredTenant, TenantRecord, TenantRepository } from '../tenants';
import { cosmosCall, readItem, stripSystem } from './util';

export const TENANTS_CONTAINER = 'tenants';

type TenantItem = TenantRecord & { id: string };

function fromResource(resource: Record<string, unknown>): StoredTenant {
  const { doc, etag } = stripSystem<TenantItem>(resource);
  const { id, ...tenant } = doc;
  void id;
  return { ...tenant, etag };
}

export class CosmosTenantRepository implements TenantRepository {
  constructor(private readonly container: Container) {}

  async get(tenantId: string): Promise<StoredTenant | undefined> {
    const resource = await readItem(this.container, tenantId, tenantId, 'tenant');
    return resource ? fromResource(resource) : undefined;
  }

  async listAll(): Promise<StoredTenant[]> {
    const { resources } = await cosmosCall('tenants', () => this.container.items.query<Record<string, unknown>>('SELECT * FROM c').fetchAll());
    // Sorted here, not with ORDER BY: a cross-partition ORDER BY needs the query plan the emulator lacks, and the list is small.
    return resources.map(fromResource).sort((a, b) => (a.tenantId < b.tenantId ? -1 : a.tenantId > b.tenantId ? 1 : 0));
  }

  async create(tenant: TenantRecord): Promise<StoredTenant> {
    const item: TenantItem = { ...tenant, id: tenant.tenantId };
    const { resource } = await cosmosCall('tenant', () => this.container.items.create(item));
    return fromResource(resource as unknown as Record<string, unknown>);
  }

  async replace(tenant: TenantRecord, ifMatch: string): Promise<StoredTenant> {
    const item: TenantItem = { ...tenant, id: tenant.tenantId };
    const { resource } = await cosmosCall('tenant', () =>
      this.container.item(tenant.tenantId, tenant.tenantId).replace(item, { accessCondition: { type: 'IfMatch', condition: ifMatch } }),
    );
    return fromResource(resource as unknown as Record<string, unknown>);
  }

  async delete(tenantId: string, ifMatch: string): Promise<void> {
    await cosmosCall('tenant', () => this.container.item(tenantId, tenantId).delete({ accessCondition: { type: 'IfMatch', condition: ifMatch } }));
  }
}
