/**
 * The app's notification endpoint alone, for hostile-input and hand-off tests: a NotificationHandler over an
 * in-memory subscription store that counts its reads (behind the production cache), SQLite stores for the
 * inbox, and whatever queue the test gives it. No sandbox: the items are written by the tests.
 */
import type { Express } from 'express';
import pino from 'pino';
import { createApp, type AppDeps } from '../../../server/app';
import { openSqliteStores } from '../../../server/store/sqlite';
import type { Stores } from '../../../server/store/types';
import { CachedSubscriptionStore } from '../../../server/sync/cached-subscription-store';
import type { MailboxQueue } from '../../../server/sync/mailbox-queue';
import { NotificationHandler } from '../../../server/sync/notification-handler';
import type { SubscriptionManager } from '../../../server/sync/subscription-manager';
import { InMemorySubscriptionStore } from '../../../server/sync/subscription-store';
import { tempSqliteDir, type TempDir } from '../../support/sqlite';

export const SERVED_TENANT = 'aaaaaaaa-0000-4000-8000-00000000000a';
export const OTHER_TENANT = 'bbbbbbbb-0000-4000-8000-00000000000b';

/** Counts bySubscriptionId calls that reach the store (what a Cosmos request or SQLite query would cost). */
export class CountingSubscriptionStore extends InMemorySubscriptionStore {
  reads = 0;
  override async bySubscriptionId(tenantId: string, subscriptionId: string) {
    this.reads++;
    return super.bySubscriptionId(tenantId, subscriptionId);
  }
}

export interface NotificationApp {
  app: Express;
  stores: Stores;
  dbPath: string;
  backing: CountingSubscriptionStore;
  /** What the handler and (in production) the subscription manager share. */
  cached: CachedSubscriptionStore;
  handler: NotificationHandler;
  close(): Promise<void>;
}

export function startNotificationApp(options: {
  queue: MailboxQueue;
  app?: Partial<AppDeps>;
  handOffMs?: number;
  /** Default true: the SQLite stores' inbox. */
  inbox?: boolean;
}): NotificationApp {
  const temp: TempDir = tempSqliteDir();
  const dbPath = temp.dbPath();
  const stores = openSqliteStores({ path: dbPath });
  const backing = new CountingSubscriptionStore();
  const cached = new CachedSubscriptionStore(backing);
  const subscriptions = { renew: async () => undefined, recreate: async () => undefined } as unknown as SubscriptionManager;
  const handler = new NotificationHandler({
    queue: options.queue,
    store: cached,
    subscriptions,
    tenants: () => [SERVED_TENANT],
    inbox: options.inbox === false ? undefined : stores.notificationInbox,
    handOffMs: options.handOffMs,
  });
  const app = createApp({
    stores,
    verifier: { verify: () => Promise.reject(new Error('no bearer calls in these tests')) },
    logger: pino({ level: 'silent' }),
    notifications: handler,
    ...options.app,
  });
  return {
    app,
    stores,
    dbPath,
    backing,
    cached,
    handler,
    close: async () => {
      await handler.idle();
      await stores.close();
      temp.remove();
    },
  };
}
