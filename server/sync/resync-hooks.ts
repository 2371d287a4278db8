/**
 * The resync triggers (ports.ts; the API calls them after writes) wired to the scheduler: an org rule or a
 * settings change re-runs every enrolled mailbox of the tenant, a personal rule change its owner's.
 */
import type { ResyncTriggers } from './ports';
import type { SyncScheduler } from './sync-scheduler';

export function resyncHooks(
  scheduler: Pick<SyncScheduler, 'requestResync'>,
  options: {
    /** The mailbox id a personal rule owner's rounds use; by default the owner id itself (see storeRulesLoader). */
    mailboxForOwner?: (tenantId: string, ownerId: string) => Promise<string | undefined> | string | undefined;
  } = {},
): ResyncTriggers {
  return {
    async onRulesChanged(change) {
      if (change.ownerId === null) {
        await scheduler.requestResync(change.tenantId, 'all');
        return;
      }
      const mailbox = options.mailboxForOwner ? await options.mailboxForOwner(change.tenantId, change.ownerId) : change.ownerId;
      if (mailbox) await scheduler.requestResync(change.tenantId, [mailbox]);
    },
    async onSettingsChanged(tenantId) {
      await scheduler.requestResync(tenantId, 'all');
    },
  };
}
