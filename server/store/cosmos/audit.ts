import type { Container, SqlParameter } from '@azure/cosmos';
import { clampLimit, type AuditEntry, type AuditQuery, type AuditRepository, type Page, type PageRequest } from '../types';
import { cosmosCall, mapCosmosError, queryFingerprint, stripSystem, unwrapContinuation, wrapContinuation } from './util';

type AuditItem = AuditEntry & { id: string };

function fromResource(resource: Record<string, unknown>): AuditEntry {
  const { id, ...entry } = stripSystem<AuditItem>(resource).doc;
  void id;
  return entry;
}

export class CosmosAuditRepository implements AuditRepository {
  constructor(private readonly container: Container) {}

  async append(entry: AuditEntry): Promise<void> {
    await cosmosCall('audit entry', () => this.container.items.create<AuditItem>({ ...entry, id: entry.key }));
  }

  async list(query: AuditQuery, page: PageRequest = {}): Promise<Page<AuditEntry>> {
    if (query.scopes.length === 0) return { items: [] };
    const parameters: SqlParameter[] = [{ name: '@tenantId', value: query.tenantId }];
    const scopeParams = query.scopes.map((s, i) => {
      parameters.push({ name: `@s${i}`, value: s });
      return `@s${i}`;
    });
    let sql = `SELECT * FROM c WHERE c.tenantId = @tenantId AND c.scope IN (${scopeParams.join(', ')})`;
    if (query.ownerId !== undefined) {
      sql += ' AND c.ownerId = @ownerId';
      parameters.push({ name: '@ownerId', value: query.ownerId });
    }
    sql += ' ORDER BY c.key DESC';
    const spec = { query: sql, parameters };
    const fingerprint = queryFingerprint(spec);
    const continuationToken = unwrapContinuation(page.continuationToken, fingerprint);
    try {
      const response = await this.container.items
        .query<Record<string, unknown>>(spec, { partitionKey: query.tenantId, maxItemCount: clampLimit(page.limit), continuationToken })
        .fetchNext();
      const token = wrapContinuation(response.continuationToken, fingerprint);
      const items = response.resources.map(fromResource);
      return token ? { items, continuationToken: token } : { items };
    } catch (err) {
      return mapCosmosError(err, 'audit');
    }
  }
}
