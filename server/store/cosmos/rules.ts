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
import { CosmosChangeStamps } from './change-stamp';
import { counterOperation, fitsOneBatch, readSetCounter, ruleOperation, ruleOperationError, runBatch, runCappedBatch, type SetCounter } from './rule-batch';

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
  constructor(
    private readonly container: Container,
    private readonly stamps: CosmosChangeStamps = new CosmosChangeStamps(container),
  ) {}

  async changeStamp(tenantId: string): Promise<string> {
    return this.stamps.read(tenantId);
  }

  /** Runs a rule write, then moves the tenant's change stamp (only once the write committed). */
  private async stamped<T>(tenantId: string, write: () => Promise<T>): Promise<T> {
    const result = await write();
    await this.stamps.bump(tenantId);
    return result;
  }

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
    // IS_DEFINED(c.scope): rules only, not the sets' counter items (rule-batch.ts).
    const spec: SqlQuerySpec = {
      query: 'SELECT * FROM c WHERE c.tenantId = @tenantId AND IS_DEFINED(c.scope)',
      parameters: [{ name: '@tenantId', value: tenantId }],
    };
    const { resources } = await cosmosCall('rules', () => this.container.items.query<Record<string, unknown>>(spec, { partitionKey: tenantId }).fetchAll());
    return resources.map(fromResource);
  }

  async count(set: RuleSet): Promise<number> {
    const { resources } = await cosmosCall('rules', () =>
      this.container.items.query<number>(setQuery(set, 'SELECT VALUE COUNT(1)', false), { partitionKey: set.tenantId }).fetchAll(),
    );
    return resources[0] ?? 0;
  }

  /** With a cap: the create and the set's counter in one batch, after a fresh count (see rule-batch.ts). */
  /** Uncapped: the create, then the stamp. Capped: the stamp rides in the create's batch. */
  async create(rule: StoredRuleInput, maxInSet?: number): Promise<StoredRule> {
    if (maxInSet === undefined) return this.stamped(rule.tenantId, () => this.insert(rule));
    const set = ruleSetOf(rule);
    const [created] = await runCappedBatch(
      this.container,
      set,
      () => this.assertWithin({ set, max: maxInSet }, 1),
      [ruleOperation(rule.tenantId, { kind: 'create', rule }, toItem), this.stamps.operation(rule.tenantId)],
      (i, status) => (i === 0 ? ruleOperationError({ kind: 'create', rule }, status) : stampError(status)),
    );
    return fromResource(created!.resourceBody as Record<string, unknown>);
  }

  private async insert(rule: StoredRuleInput): Promise<StoredRule> {
    try {
      const { resource } = await this.container.items.create<RuleItem>(toItem(rule));
      return fromResource(resource as unknown as Record<string, unknown>);
    } catch (err) {
      return mapCosmosError(err, `rule ${rule.id}`);
    }
  }

  /** Throws when the set as counted now, changed by `change` rules (creates minus deletes to come), is over the cap. */
  private async assertWithin(limit: SetLimit, change: number): Promise<void> {
    const n = (await this.count(limit.set)) + change;
    if (n > limit.max) throw new StoreError('limit_exceeded', `the ${limit.set.scope} rule set would hold ${n} rules; at most ${limit.max}`);
  }

  async replace(rule: StoredRuleInput, ifMatch: string): Promise<StoredRule> {
    return this.stamped(rule.tenantId, () => this.replaceItem(rule, ifMatch));
  }

  private async replaceItem(rule: StoredRuleInput, ifMatch: string): Promise<StoredRule> {
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
    await this.stamped(tenantId, () => this.deleteItem(tenantId, id, ifMatch));
  }

  private async deleteItem(tenantId: string, id: string, ifMatch: string): Promise<void> {
    try {
      await this.container.item(id, tenantId).delete({ accessCondition: { type: 'IfMatch', condition: ifMatch } });
    } catch (err) {
      mapCosmosError(err, `rule ${id}`);
    }
  }

  /**
   * Up to one batch's worth (100 operations, 2 MB with the counter): one transactional batch, whose If-Match
   * and existence checks are the preconditions. Beyond that, compensation: see applyWithCompensation.
   */
  async applyWrites(tenantId: string, writes: RuleWrite[], limit?: SetLimit): Promise<void> {
    for (const w of writes) {
      if (w.kind !== 'delete' && w.rule.tenantId !== tenantId) throw new StoreError('conflict', 'a write targets another tenant');
    }
    if (writes.length === 0 && !limit) return;
    // The tenant's change stamp moves in the same batch (change-stamp.ts); the compensating path stamps once, after.
    const operations = [...writes.map((w) => ruleOperation(tenantId, w, toItem)), this.stamps.operation(tenantId)];
    const errorFor = (i: number, status: number) => (i < writes.length ? ruleOperationError(writes[i]!, status) : stampError(status));
    if (!fitsOneBatch(limit ? [counterOperation(limit.set, { writes: 0, etag: 'x' }), ...operations] : operations)) {
      return this.applyWithCompensation(tenantId, writes, limit);
    }
    if (limit) {
      const change = writes.filter((w) => w.kind === 'create').length - writes.filter((w) => w.kind === 'delete').length;
      await runCappedBatch(this.container, limit.set, () => this.assertWithin(limit, change), operations, errorFor);
      return;
    }
    const outcome = await runBatch(this.container, tenantId, operations);
    if (!outcome.ok) throw errorFor(outcome.index, outcome.status);
  }

  /**
   * More than one batch holds: check every precondition first, then write in sequence; when a write fails
   * (a concurrent edit slipped in between, or an outage), undo the writes already made in reverse. With a cap,
   * the set's counter is moved on before the first write and again (If-Match) after the count, so a capped
   * write that committed meanwhile on another instance makes this one undo itself (see rule-batch.ts).
   */
  private async applyWithCompensation(tenantId: string, writes: RuleWrite[], limit?: SetLimit): Promise<void> {
    const before = new Map<string, StoredRule | undefined>();
    for (const w of writes) {
      const id = w.kind === 'delete' ? w.id : w.rule.id;
      const current = await this.get(tenantId, id);
      before.set(id, current);
      if (w.kind === 'create' && current) throw new StoreError('conflict', `rule ${id} already exists`);
      if (w.kind !== 'create') {
        if (!current) throw new StoreError('not_found', `rule ${id} not found`);
        if (current.etag !== w.ifMatch) throw new StoreError('etag_mismatch', 'etag mismatch');
      }
    }
    // With a cap: creates and replaces, then the count, then the deletes, so a limit refusal never has a deleted
    // rule to re-create (which could itself push the set over).
    const deletes = limit ? writes.filter((w) => w.kind === 'delete') : [];
    const first = limit ? writes.filter((w) => w.kind !== 'delete') : writes;
    const done: { write: RuleWrite; result?: StoredRule }[] = [];
    const counter = limit ? await this.moveCounter(limit.set, await readSetCounter(this.container, limit.set)) : undefined;
    try {
      for (const w of first) done.push(await this.run(tenantId, w));
      if (limit) {
        await this.assertWithin(limit, -deletes.length);
        await this.moveCounter(limit.set, counter!);
        for (const w of deletes) done.push(await this.run(tenantId, w));
      }
    } catch (err) {
      await this.undo(tenantId, done, before);
      throw err;
    } finally {
      // One stamp for the whole sequence, once its writes (or their undo) are in: a reader that saw the old stamp
      // reads again. Stamping write by write doubled a 500-rule import's requests.
      if (done.length > 0) await this.stamps.bump(tenantId);
    }
  }

  /** Moves the set's counter on if nobody else did since `counter`; etag_mismatch when someone did. */
  private async moveCounter(set: RuleSet, counter: SetCounter): Promise<SetCounter> {
    const outcome = await runBatch(this.container, set.tenantId, [counterOperation(set, counter)]);
    if (!outcome.ok) {
      if (outcome.status === 409 || outcome.status === 412)
        throw new StoreError('etag_mismatch', `the ${set.scope} rule set changed during the write; reload and try again`);
      throw new StoreError('unavailable', `Cosmos DB failed the rule set counter (${outcome.status})`);
    }
    return { writes: counter.writes + 1, etag: outcome.results[0]!.eTag };
  }

  private async run(tenantId: string, w: RuleWrite): Promise<{ write: RuleWrite; result?: StoredRule }> {
    // Unstamped: applyWithCompensation stamps once when the sequence is over.
    if (w.kind === 'create') return { write: w, result: await this.insert(w.rule) };
    if (w.kind === 'replace') return { write: w, result: await this.replaceItem(w.rule, w.ifMatch) };
    await this.deleteItem(tenantId, w.id, w.ifMatch);
    return { write: w };
  }

  private async undo(tenantId: string, done: { write: RuleWrite; result?: StoredRule }[], before: Map<string, StoredRule | undefined>): Promise<void> {
    for (const { write, result } of [...done].reverse()) {
      try {
        if (write.kind === 'create' && result) await this.deleteItem(tenantId, result.id, result.etag);
        else if (write.kind === 'replace' && result) {
          const { etag, ...prior } = before.get(write.rule.id)!;
          void etag;
          await this.replaceItem(prior, result.etag);
        } else if (write.kind === 'delete') {
          const { etag, ...prior } = before.get(write.id)!;
          void etag;
          await this.insert(prior);
        }
      } catch (err) {
        // Someone else changed the document after our write; theirs is the newer state, keep it.
        if (statusOf(err) === undefined && !(err instanceof StoreError)) throw err;
      }
    }
  }
}

function stampError(status: number): StoreError {
  return new StoreError('unavailable', `Cosmos DB failed the tenant change stamp (${status})`);
}
