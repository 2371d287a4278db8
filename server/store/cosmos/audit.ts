import type { Container, SqlParameter } from '@azure/cosmos';
import { clampLimit, type AuditEntry, type AuditQuery, type AuditRepository, type Page, type PageRequest } from '../types';
import { cosmosCall, mapCosmosError, queryFingerprint, stripSystem, unwrapContinuation, wrapContinuation } from './util';

/** `ttl`: seconds until Cosmos deletes the entry (the container has TTL on, defaultTtl -1; containers.ts). */
type AuditItem = AuditEntry & { id: string; ttl: number };

function fromResource(resource: Record<string, unknown>): AuditEntry {
  const { id, ttl, ...entry } = stripSystem<AuditItem>(resource).doc;
  void id;
  void ttl;
  return entry;
}

export class CosmosAuditRepository implements AuditRepository {
  /** `retentionSeconds`: how long an entry is kept (CALSYNC_AUDIT_RETENTION_DAYS). */
  constructor(
    private readonly container: Container,
    private readonly retentionSeconds: number,
  ) {}

  async append(entry: AuditEntry): Promise<void> {
    // Expiry by TTL costs no request units and needs no sweeper (https://learn.microsoft.com/azure/cosmos-db/nosql/time-to-live).
    await cosmosCall('audit entry', () => this.container.items.create<AuditItem>({ ...entry, id: entry.key, ttl: this.retentionSeconds }));
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
