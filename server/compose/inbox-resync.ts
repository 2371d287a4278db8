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

/** Why a park could not reach Graph; the park then reports it instead of failing the change that asked for it. */
class GraphUnavailableError extends Error {}

/** Graph for finding the mailboxes (settings that enrol 'all' or teams, a personal rule's owner), only when needed. */
export interface ResyncGraph {
  get(): GraphConnection;
  /** Closes what `get` opened for this park, if anything. */
  close(): Promise<void>;
}

/** An API instance's own directory access (main.ts), or none when it has no Graph credential. */
export function sharedResyncGraph(access: GraphConnection | undefined): ResyncGraph {
  return {
    get() {
      if (!access) throw new GraphUnavailableError('no Graph credential is configured (CALSYNC_CLIENT_ID and a secret, certificate or managed identity)');
      return access;
    },
    close: async () => {},
  };
}

/** A one-shot process (the CLI): the Graph section read from its environment when first needed, closed after. */
export function ownResyncGraph(env: NodeJS.ProcessEnv): ResyncGraph {
  let access: GraphConnection | undefined;
  return {
    get() {
      if (access) return access;
      try {
        // No rounds here: lookups only.
        access = openGraphAccess(loadGraphConfig(env), 0);
      } catch (err) {
        if (!(err instanceof ConfigError)) throw err;
        throw new GraphUnavailableError(err.problems.map((p) => `${p.variable} ${p.message}`).join('; '));
      }
      return access;
    },
    close: async () => access?.close(),
  };
}

/** Runs `trigger` against hooks that park the mailboxes it names in the inbox. */
export async function parkResync(stores: Stores, graph: ResyncGraph, trigger: (hooks: ResyncTriggers) => Promise<void>): Promise<ParkedResync> {
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
    if (!(err instanceof GraphUnavailableError)) throw err;
    return { mailboxes: [], unresolved: `finding the mailboxes needs Graph access (${err.message})` };
  } finally {
    await graph.close();
  }
}

/** The API's resync triggers when this process hosts no sync: park, so the instance that schedules runs them. */
export function inboxResyncTriggers(stores: Stores, directory: GraphConnection | undefined, logger: Logger): ResyncTriggers {
  const graph = sharedResyncGraph(directory);
  const park = async (trigger: (hooks: ResyncTriggers) => Promise<void>) => {
    const parked = await parkResync(stores, graph, trigger);
    // Counts only: mailbox addresses are personal data.
    if (parked.unresolved) logger.warn({ reason: parked.unresolved }, 'resync not parked; the next scheduled round applies the change');
    else logger.info({ mailboxes: parked.mailboxes.length }, 'resync parked for the instance that schedules');
  };
  return {
    onRulesChanged: (change) => park((hooks) => hooks.onRulesChanged(change)),
    onSettingsChanged: (tenantId) => park((hooks) => hooks.onSettingsChanged(tenantId)),
  };
}
