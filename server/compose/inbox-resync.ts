/**
 * Resyncs requested by a process that does not schedule rounds (an API instance with CALSYNC_SYNC=off, the
 * CLI): the affected mailboxes are parked in the store's notification inbox, which every process hosting the
 * sync drains into its queue (sync/sync-runtime.ts: a deployment every 10 s, the demo every second). The same
 * resync hooks as an in-process sync decide which mailboxes: org rules and settings → every enrolled mailbox,
 * personal rules → the owner's.
 *
 * Why the inbox and not Cosmos's change feed: the instance that wrote knows what changed and for whom, and the
 * inbox entry is durable before the API answers (or logs the failure); a change feed reader would need a lease
 * container and a processor on the scheduling instance to learn the same thing seconds later, and SQLite has
 * none. The inbox works on both stores.
 */
import type { Logger } from 'pino';
import type { Stores } from '../store/types';
import { ConfigError } from '../config';
import { loadGraphConfig } from '../config/graph';
import { listEnrolledMailboxes } from '../sync/graph-users';
import { graphOwnerIds } from '../sync/owner-ids';
import type { ResyncTriggers } from '../sync/ports';
import { resyncHooks } from '../sync/resync-hooks';
import { openGraphAccess, type GraphConnection } from './graph';

export interface ParkedResync {
  mailboxes: string[];
  /** Why nothing could be parked, when nothing was (the next scheduled round applies the change then). */
  unresolved?: string;
}

/** Graph only when it is needed: settings that enrol 'all', or a personal rule's owner to find. */
function lazyGraph(env: NodeJS.ProcessEnv): { get(): GraphConnection; close(): Promise<void> } {
  let access: GraphConnection | undefined;
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

/** Runs `trigger` against hooks that park the mailboxes it names in the inbox. */
export async function parkResync(stores: Stores, env: NodeJS.ProcessEnv, trigger: (hooks: ResyncTriggers) => Promise<void>): Promise<ParkedResync> {
  const graph = lazyGraph(env);
  const enrolled = async (tenantId: string): Promise<string[]> => {
    const settings = await stores.settings.get(tenantId);
    const list = settings?.enrolledMailboxes ?? [];
    if (list !== 'all' && !settings?.enrolledGroups?.length) return [...list];
    // Each tenant's directory through its own client: another tenant's users are never listed for it.
    return listEnrolledMailboxes(graph.get().clientFor(tenantId), settings);
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
          const ownerOf = graphOwnerIds(graph.get().clientFor);
          for (const mailbox of await enrolled(tenantId)) if ((await ownerOf(tenantId, mailbox)) === ownerId) return mailbox;
          return undefined;
        },
      },
    );
    await trigger(hooks);
    return { mailboxes: parked };
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    return { mailboxes: [], unresolved: `finding the mailboxes needs Graph access (${err.problems.map((p) => `${p.variable} ${p.message}`).join('; ')})` };
  } finally {
    await graph.close();
  }
}

/** The API's resync triggers when this process hosts no sync: park, so the instance that schedules runs them. */
export function inboxResyncTriggers(stores: Stores, env: NodeJS.ProcessEnv, logger: Logger): ResyncTriggers {
  const park = async (trigger: (hooks: ResyncTriggers) => Promise<void>) => {
    const parked = await parkResync(stores, env, trigger);
    // Counts only: mailbox addresses are personal data.
    if (parked.unresolved) logger.warn({ reason: parked.unresolved }, 'resync not parked; the next scheduled round applies the change');
    else logger.info({ mailboxes: parked.mailboxes.length }, 'resync parked for the instance that schedules');
  };
  return {
    onRulesChanged: (change) => park((hooks) => hooks.onRulesChanged(change)),
    onSettingsChanged: (tenantId) => park((hooks) => hooks.onSettingsChanged(tenantId)),
  };
}
