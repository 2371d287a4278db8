/**
 * After `calsync rules import`, the mailboxes the import affects are re-run at once, as after an import through
 * the API: org rules → every enrolled mailbox, personal rules → the owner's. The CLI has no access to the sync's
 * queue when it lives in another process (the demo, an API with the in-process queue), so it parks the rounds in
 * the store's notification inbox, which every process hosting the sync moves to its queue (sync-runtime.ts; the
 * demo every second, a deployment every 10 s). The same resync hooks as the API decide which mailboxes.
 */
import type { RulesChange } from '../services/rules';
import type { Stores } from '../store/types';
import { openGraphAccess } from '../compose/graph';
import { ConfigError } from '../config';
import { loadGraphConfig } from '../config/graph';
import type { GraphAccess } from '../sync/graph-client';
import { listGraphUsers } from '../sync/graph-users';
import { graphOwnerIds } from '../sync/owner-ids';
import { resyncHooks } from '../sync/resync-hooks';

export interface ParkedResync {
  mailboxes: string[];
  /** Why nothing could be parked, when nothing was (the next scheduled round applies the import then). */
  unresolved?: string;
}

/** Graph only when it is needed: settings that enrol 'all', or a personal rule's owner to find. */
function lazyGraph(env: NodeJS.ProcessEnv): { get(): GraphAccess; close(): Promise<void> } {
  let access: GraphAccess | undefined;
  return {
    get() {
      if (!access) {
        // No rounds here: lookups only.
        access = openGraphAccess(loadGraphConfig(env), 0);
      }
      return access;
    },
    close: async () => access?.close(),
  };
}

export async function parkImportResync(stores: Stores, change: RulesChange, env: NodeJS.ProcessEnv): Promise<ParkedResync> {
  const graph = lazyGraph(env);
  const enrolled = async (tenantId: string): Promise<string[]> => {
    const list = (await stores.settings.get(tenantId))?.enrolledMailboxes ?? [];
    return list === 'all' ? listGraphUsers(graph.get().client) : [...list];
  };
  const parked: string[] = [];
  try {
    const hooks = resyncHooks(
      {
        requestResync: async (tenantId, mailboxes) => {
          const all = await enrolled(tenantId);
          const wanted = mailboxes === 'all' ? all : all.filter((m) => mailboxes.some((w) => w.toLowerCase() === m.toLowerCase()));
          await stores.notificationInbox.add(wanted.map((mailboxId) => ({ tenantId, mailboxId, full: false })));
          parked.push(...wanted);
          return wanted.length;
        },
      },
      {
        mailboxForOwner: async (tenantId, ownerId) => {
          const ownerOf = graphOwnerIds(graph.get().client);
          for (const mailbox of await enrolled(tenantId)) if ((await ownerOf(tenantId, mailbox)) === ownerId) return mailbox;
          return undefined;
        },
      },
    );
    await hooks.onRulesChanged(change);
    return { mailboxes: parked };
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    return { mailboxes: [], unresolved: `finding the mailboxes needs Graph access (${err.problems.map((p) => `${p.variable} ${p.message}`).join('; ')})` };
  } finally {
    await graph.close();
  }
}

/** One line for the operator: what the running sync will re-run, or why the next scheduled round applies `what`. */
export function describeResync(parked: ParkedResync, what = 'the import'): string {
  if (parked.unresolved) return `re-run: not requested, ${parked.unresolved}; the next scheduled round applies ${what}`;
  const n = parked.mailboxes.length;
  if (n === 0) return 're-run: no enrolled mailbox is affected';
  return `re-run requested for ${n} mailbox${n === 1 ? '' : 'es'}: the running sync picks ${n === 1 ? 'it' : 'them'} up from the store within seconds`;
}
