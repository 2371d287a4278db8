/**
 * Atomic rule writes on Cosmos. Every rule of a tenant lives in the tenant's logical partition, so a change to
 * one set can be one transactional batch: all of it commits or none of it does
 * (https://learn.microsoft.com/azure/cosmos-db/nosql/transactional-batch). A batch holds at most 100 operations
 * and 2 MB (https://learn.microsoft.com/azure/cosmos-db/concepts-limits); larger changes fall back to the
 * compensating path in rules.ts.
 *
 * The rule-count cap across API instances: each capped set has a counter item (`SetCounterItem`) that every
 * capped write replaces with If-Match in the same batch as its rules. A capped write reads the counter, then
 * counts the set, then commits; a commit whose counter read went stale (another capped write committed in
 * between) fails with 412 and is retried with a fresh count. So of any two capped writes that both commit, the
 * later one counted the earlier one's rules, and the set never ends above its cap. Uncapped writes (replaces,
 * deletes) cannot grow a set and leave the counter alone.
 */
import type { Container, DeleteOperationInput, JSONObject, OperationInput, OperationResponse } from '@azure/cosmos';
import { StoreError, type RuleSet, type RuleWrite } from '../types';
import { cosmosCall, stripSystem } from './util';

export const MAX_BATCH_OPERATIONS = 100;
/** Under the 2 MB request limit with room for the request's own framing. */
export const MAX_BATCH_BYTES = 1_900_000;
/**
 * Each failed attempt means another capped write to the set committed, and a set takes at most `max` of them
 * before it is full, so a handful of attempts suffices unless writers keep deleting and re-adding at once.
 */
const MAX_CAPPED_ATTEMPTS = 8;

/** The counter of one capped set: `writes` counts capped writes; its _etag is what capped writes check. */
export interface SetCounterItem {
  id: string;
  tenantId: string;
  kind: 'setCounter';
  writes: number;
}

/** Not a rule id (rule ids are `r_…`, and never hold ':'), so the set queries never see it (no `scope` either). */
export function setCounterId(set: RuleSet): string {
  return set.scope === 'org' ? 'setcounter:org' : `setcounter:personal:${set.ownerId}`;
}

export interface SetCounter {
  writes: number;
  etag: string | undefined;
}

export async function readSetCounter(container: Container, set: RuleSet): Promise<SetCounter> {
  const { resource, statusCode } = await cosmosCall('rule set counter', () => container.item(setCounterId(set), set.tenantId).read<Record<string, unknown>>());
  if (statusCode === 404 || !resource) return { writes: 0, etag: undefined };
  const { doc, etag } = stripSystem<SetCounterItem>(resource);
  return { writes: doc.writes, etag };
}

/** The operation that moves the counter on, valid only if nobody else moved it since `counter` was read. */
export function counterOperation(set: RuleSet, counter: SetCounter): OperationInput {
  const item: SetCounterItem = { id: setCounterId(set), tenantId: set.tenantId, kind: 'setCounter', writes: counter.writes + 1 };
  // A first capped write creates the counter: a concurrent first writer's create then fails with 409.
  const partitionKey = set.tenantId;
  return counter.etag === undefined
    ? { operationType: 'Create', partitionKey, resourceBody: { ...item } }
    : { operationType: 'Replace', partitionKey, id: item.id, resourceBody: { ...item }, ifMatch: counter.etag };
}

type RuleOf<W> = W extends { rule: infer R } ? R : never;

/**
 * Each operation names its partition key although the batch has one: the local emulator's own batch handler
 * (bench:load, a Cosmos demo) cannot run a Replace or Delete without it.
 */
export function ruleOperation(tenantId: string, w: RuleWrite, toItem: (rule: RuleOf<RuleWrite>) => object): OperationInput {
  const partitionKey = tenantId;
  if (w.kind === 'create') return { operationType: 'Create', partitionKey, resourceBody: toItem(w.rule) as JSONObject };
  if (w.kind === 'replace') return { operationType: 'Replace', partitionKey, id: w.rule.id, resourceBody: toItem(w.rule) as JSONObject, ifMatch: w.ifMatch };
  // Every batch operation takes an If-Match (the service's batch format; .NET's DeleteItem takes IfMatchEtag
  // through TransactionalBatchItemRequestOptions), though the JS SDK's DeleteOperationInput type omits it; the
  // SDK sends the operation as given.
  const remove: DeleteOperationInput & { ifMatch: string } = { operationType: 'Delete', partitionKey, id: w.id, ifMatch: w.ifMatch };
  return remove;
}

/** Whether the operations fit one batch (count and size). */
export function fitsOneBatch(operations: OperationInput[]): boolean {
  return operations.length <= MAX_BATCH_OPERATIONS && Buffer.byteLength(JSON.stringify(operations), 'utf8') <= MAX_BATCH_BYTES;
}

export type BatchOutcome = { ok: true; results: OperationResponse[] } | { ok: false; index: number; status: number };

/** Runs one transactional batch in the tenant's partition. A refused batch changed nothing. */
export async function runBatch(container: Container, tenantId: string, operations: OperationInput[]): Promise<BatchOutcome> {
  let results: OperationResponse[];
  try {
    results = (await container.items.batch(operations, tenantId)).result ?? [];
  } catch (err) {
    // The SDK rethrows a refused batch request (throttled, unreachable, too large) as a plain Error without its
    // status (Items.batch, "Batch request error: <the service's message>"); nothing of the batch was applied either
    // way. The service's code and message survive in the text: 413 is "RequestEntityTooLarge" / "Request size is
    // too large", 429 "TooManyRequests" / "Request rate is large"
    // (https://learn.microsoft.com/rest/api/cosmos-db/http-status-codes-for-cosmosdb).
    throw batchRequestError((err as Error).message);
  }
  // A failed batch: the failed operation carries its status, every other one 424 Failed Dependency.
  const index = results.findIndex((r) => r.statusCode >= 400 && r.statusCode !== 424);
  if (index >= 0) return { ok: false, index, status: results[index]!.statusCode };
  if (results.length !== operations.length || results.some((r) => r.statusCode >= 400)) {
    throw new StoreError('unavailable', 'Cosmos DB answered the batch without a result per operation');
  }
  return { ok: true, results };
}

/** A refused batch request as the StoreError a single write's status would give (util.mapCosmosError). */
function batchRequestError(message: string): StoreError {
  if (/RequestEntityTooLarge|Request size is too large/i.test(message))
    return new StoreError('too_large', 'the rule change is larger than Cosmos DB takes in one batch');
  if (/TooManyRequests|Request rate is large/i.test(message)) return new StoreError('throttled', 'Cosmos DB is throttling requests (429)');
  return new StoreError('unavailable', `Cosmos DB refused the batch: ${message}`);
}

/** The StoreError for a failed rule operation of a batch (statuses as util.mapCosmosError maps single writes). */
export function ruleOperationError(w: RuleWrite, status: number): StoreError {
  const id = w.kind === 'delete' ? w.id : w.rule.id;
  if (status === 404) return new StoreError('not_found', `rule ${id} not found`);
  if (status === 409) return new StoreError('conflict', `rule ${id} already exists`);
  if (status === 412) return new StoreError('etag_mismatch', 'etag mismatch');
  return new StoreError('unavailable', `Cosmos DB failed a rule write (${status})`);
}

/**
 * A capped write as one batch: counter first, then `operations`. `allowed` is asked after each fresh count and
 * throws when the write would take the set over its cap. Retries while another capped write wins the counter.
 */
export async function runCappedBatch(
  container: Container,
  set: RuleSet,
  allowed: () => Promise<void>,
  operations: OperationInput[],
  errorFor: (operationIndex: number, status: number) => StoreError,
): Promise<OperationResponse[]> {
  for (let attempt = 0; attempt < MAX_CAPPED_ATTEMPTS; attempt++) {
    const counter = await readSetCounter(container, set);
    await allowed();
    const outcome = await runBatch(container, set.tenantId, [counterOperation(set, counter), ...operations]);
    if (outcome.ok) return outcome.results.slice(1);
    if (outcome.index > 0) throw errorFor(outcome.index - 1, outcome.status);
    if (outcome.status !== 412 && outcome.status !== 409) throw new StoreError('unavailable', `Cosmos DB failed the rule set counter (${outcome.status})`);
  }
  throw new StoreError('unavailable', `the ${set.scope} rule set kept changing; try again`);
}
