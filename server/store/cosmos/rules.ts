import type { Container, SqlQuerySpec } from '@azure/cosmos';
import {
  clampLimit,
  ruleSortKey,
  StoreError,
  type Page,
  type PageRequest,
  type RuleRepository,
  type RuleSet,
  ruleSetOf,
  type RuleWrite,
  type SetLimit,
  type StoredRule,
  type StoredRuleInput,
} from '../types';
import { cosmosCall, mapCosmosError, queryFingerprint, readItem, statusOf, stripSystem, unwrapContinuation, wrapContinuation } from './util';

/** The stored item: the rule document, its metadata, and the sort key the list query orders by. */
type RuleItem = StoredRuleInput & { sortKey: string };

function toItem(rule: StoredRuleInput): RuleItem {
  return { ...rule, sortKey: ruleSortKey(rule) };
}

function fromResource(resource: Record<string, unknown>): StoredRule {
  const { doc, etag } = stripSystem<RuleItem>(resource);
  const { sortKey, ...rule } = doc;
  void sortKey;
  return { ...rule, etag };
}

/** Every query filters tenantId in WHERE (the emulator ignores the partitionKey option; real Cosmos scopes by it too). */
function setQuery(set: RuleSet, select: string, orderBy: boolean): SqlQuerySpec {
  const parameters = [
    { name: '@tenantId', value: set.tenantId },
    { name: '@scope', value: set.scope },
  ];
  let query = `${select} FROM c WHERE c.tenantId = @tenantId AND c.scope = @scope`;
  if (set.scope === 'personal') {
    query += ' AND c.ownerId = @ownerId';
    parameters.push({ name: '@ownerId', value: set.ownerId });
  }
  if (orderBy) query += ' ORDER BY c.sortKey';
  return { query, parameters };
}

export class CosmosRuleRepository implements RuleRepository {
  constructor(private readonly container: Container) {}

  /**
   * A point read (id + partition key): one cheap operation, where a query costs several RUs plus the SDK's
   * query-plan round trip, and the emulator scans every document for it. The partition key is the tenant, and
   * the tenant is checked on the result as well, so the tenant filter stays explicit.
   */
  async get(tenantId: string, id: string): Promise<StoredRule | undefined> {
    const resource = await readItem(this.container, tenantId, id, 'rule');
    return resource ? fromResource(resource) : undefined;
  }

  async list(set: RuleSet, page: PageRequest = {}): Promise<Page<StoredRule>> {
    const spec = setQuery(set, 'SELECT *', true);
    const fingerprint = queryFingerprint(spec);
    const continuationToken = unwrapContinuation(page.continuationToken, fingerprint);
    try {
      const response = await this.container.items
        .query<Record<string, unknown>>(spec, {
          partitionKey: set.tenantId,
          maxItemCount: clampLimit(page.limit),
          continuationToken,
        })
        .fetchNext();
      const token = wrapContinuation(response.continuationToken, fingerprint);
      const items = response.resources.map(fromResource);
      return token ? { items, continuationToken: token } : { items };
    } catch (err) {
      return mapCosmosError(err, 'rules');
    }
  }

  async listAll(set: RuleSet): Promise<StoredRule[]> {
    const { resources } = await cosmosCall('rules', () =>
      this.container.items.query<Record<string, unknown>>(setQuery(set, 'SELECT *', true), { partitionKey: set.tenantId }).fetchAll(),
    );
    return resources.map(fromResource);
  }

  async listTenant(tenantId: string): Promise<StoredRule[]> {
    const spec: SqlQuerySpec = { query: 'SELECT * FROM c WHERE c.tenantId = @tenantId', parameters: [{ name: '@tenantId', value: tenantId }] };
    const { resources } = await cosmosCall('rules', () => this.container.items.query<Record<string, unknown>>(spec, { partitionKey: tenantId }).fetchAll());
    return resources.map(fromResource);
  }

  async count(set: RuleSet): Promise<number> {
    const { resources } = await cosmosCall('rules', () =>
      this.container.items.query<number>(setQuery(set, 'SELECT VALUE COUNT(1)', false), { partitionKey: set.tenantId }).fetchAll(),
    );
    return resources[0] ?? 0;
  }

  /** Without a transaction: create, count, and remove our own rule when the set is over the cap (see RuleRepository). */
  async create(rule: StoredRuleInput, maxInSet?: number): Promise<StoredRule> {
    const created = await this.insert(rule);
    if (maxInSet === undefined) return created;
    try {
      await this.assertWithin({ set: ruleSetOf(rule), max: maxInSet }, 0);
    } catch (err) {
      // Over the cap, or the count failed (outage): a refused create must leave nothing behind.
      await this.removeCreated(created);
      throw err;
    }
    return created;
  }

  private async insert(rule: StoredRuleInput): Promise<StoredRule> {
    try {
      const { resource } = await this.container.items.create<RuleItem>(toItem(rule));
      return fromResource(resource as unknown as Record<string, unknown>);
    } catch (err) {
      return mapCosmosError(err, `rule ${rule.id}`);
    }
  }

  /** `pendingDeletes` rules of the set are about to be deleted by the same batch, so they do not count. */
  private async assertWithin(limit: SetLimit, pendingDeletes: number): Promise<void> {
    const n = (await this.count(limit.set)) - pendingDeletes;
    if (n > limit.max) throw new StoreError('limit_exceeded', `the ${limit.set.scope} rule set would hold ${n} rules; at most ${limit.max}`);
  }

  /**
   * Deletes a rule this request just created, without IfMatch: its owner may have edited it in the meantime
   * (the id was listable), but it must go for the cap to hold. Already gone is fine.
   */
  private async removeCreated(rule: StoredRule): Promise<void> {
    try {
      await this.container.item(rule.id, rule.tenantId).delete();
    } catch (err) {
      if (statusOf(err) !== 404) throw err;
    }
  }

  async replace(rule: StoredRuleInput, ifMatch: string): Promise<StoredRule> {
    try {
      const { resource } = await this.container
        .item(rule.id, rule.tenantId)
        .replace<RuleItem>(toItem(rule), { accessCondition: { type: 'IfMatch', condition: ifMatch } });
      return fromResource(resource as unknown as Record<string, unknown>);
    } catch (err) {
      return mapCosmosError(err, `rule ${rule.id}`);
    }
  }

  async delete(tenantId: string, id: string, ifMatch: string): Promise<void> {
    try {
      await this.container.item(id, tenantId).delete({ accessCondition: { type: 'IfMatch', condition: ifMatch } });
    } catch (err) {
      mapCosmosError(err, `rule ${id}`);
    }
  }

  /**
   * No cross-document transaction: check every precondition first, then write in sequence; when a write
   * fails (a concurrent edit slipped in between, or an outage), undo the writes already made in reverse.
   */
  async applyWrites(tenantId: string, writes: RuleWrite[], limit?: SetLimit): Promise<void> {
    const before = new Map<string, StoredRule | undefined>();
    for (const w of writes) {
      const id = w.kind === 'delete' ? w.id : w.rule.id;
      if (w.kind !== 'delete' && w.rule.tenantId !== tenantId) throw new StoreError('conflict', 'a write targets another tenant');
      const current = await this.get(tenantId, id);
      before.set(id, current);
      if (w.kind === 'create' && current) throw new StoreError('conflict', `rule ${id} already exists`);
      if (w.kind !== 'create') {
        if (!current) throw new StoreError('not_found', `rule ${id} not found`);
        if (current.etag !== w.ifMatch) throw new StoreError('etag_mismatch', 'etag mismatch');
      }
    }
    // With a cap: creates and replaces, then the count, then the deletes (why: see RuleRepository.applyWrites).
    const deletes = limit ? writes.filter((w) => w.kind === 'delete') : [];
    const first = limit ? writes.filter((w) => w.kind !== 'delete') : writes;
    const done: { write: RuleWrite; result?: StoredRule }[] = [];
    try {
      for (const w of first) done.push(await this.run(tenantId, w));
      if (limit) {
        await this.assertWithin(limit, deletes.length);
        for (const w of deletes) done.push(await this.run(tenantId, w));
      }
    } catch (err) {
      await this.undo(tenantId, done, before);
      throw err;
    }
  }

  private async run(tenantId: string, w: RuleWrite): Promise<{ write: RuleWrite; result?: StoredRule }> {
    if (w.kind === 'create') return { write: w, result: await this.create(w.rule) };
    if (w.kind === 'replace') return { write: w, result: await this.replace(w.rule, w.ifMatch) };
    await this.delete(tenantId, w.id, w.ifMatch);
    return { write: w };
  }

  private async undo(tenantId: string, done: { write: RuleWrite; result?: StoredRule }[], before: Map<string, StoredRule | undefined>): Promise<void> {
    for (const { write, result } of [...done].reverse()) {
      try {
        if (write.kind === 'create' && result) await this.delete(tenantId, result.id, result.etag);
        else if (write.kind === 'replace' && result) {
          const { etag, ...prior } = before.get(write.rule.id)!;
          void etag;
          await this.replace(prior, result.etag);
        } else if (write.kind === 'delete') {
          const { etag, ...prior } = before.get(write.id)!;
          void etag;
          await this.create(prior);
        }
      } catch (err) {
        // Someone else changed the document after our write; theirs is the newer state, keep it.
        if (statusOf(err) === undefined && !(err instanceof StoreError)) throw err;
      }
    }
  }
}
