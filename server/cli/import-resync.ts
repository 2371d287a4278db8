/**
 * After `calsync rules import`, the mailboxes the import affects are re-run at once, as after an import through
 * the API: org rules → every enrolled mailbox, personal rules → the owner's. The CLI has no access to the sync's
 * queue when it lives in another process (the demo, an API with the in-process queue), so it parks the rounds in
 * the store's notification inbox, which every process hosting the sync moves to its queue (sync-runtime.ts; the
 * demo every second, a deployment every 10 s). The same resync hooks as the API decide which mailboxes
 * (compose/inbox-resync.ts, which an API instance without the sync uses too).
 */
import type { RulesChange } from '../services/rules';
import type { Stores } from '../store/types';
import { ownResyncGraph, parkResync, type ParkedResync } from '../compose/inbox-resync';

export type { ParkedResync };

export function parkImportResync(stores: Stores, change: RulesChange, env: NodeJS.ProcessEnv): Promise<ParkedResync> {
  return parkResync(stores, ownResyncGraph(env), (hooks) => hooks.onRulesChanged(change));
}

/** One line for the operator: what the running sync will re-run, or why the next scheduled round applies `what`. */
export function describeResync(parked: ParkedResync, what = 'the import'): string {
  if (parked.unresolved) return `re-run: not requested, ${parked.unresolved}; the next scheduled round applies ${what}`;
  const n = parked.mailboxes.length;
  if (n === 0) return 're-run: no enrolled mailbox is affected';
  return `re-run requested for ${n} mailbox${n === 1 ? '' : 'es'}: the running sync picks ${n === 1 ? 'it' : 'them'} up from the store within seconds`;
}
