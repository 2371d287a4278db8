/**
 * The API with POST /api/notifications listening on loopback (the sandbox delivers only there), wired to a
 * notification handler, a subscription manager and the sync stack's queue.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { createApp } from '../../../server/app';
import { NotificationHandler, type NotificationHandlerOptions } from '../../../server/sync/notification-handler';
import { SubscriptionManager, type SubscriptionManagerOptions } from '../../../server/sync/subscription-manager';
import { InMemorySubscriptionStore } from '../../../server/sync/subscription-store';
import type { SyncStack } from './sync-stack';

export interface NotificationEndpoint {
  url: string;
  server: http.Server;
  store: InMemorySubscriptionStore;
  manager: SubscriptionManager;
  handler: NotificationHandler;
  close(): Promise<void>;
}

export async function startNotificationEndpoint(
  stack: SyncStack,
  options: Pick<SubscriptionManagerOptions, 'now' | 'lifetimeMinutes' | 'renewBeforeMs' | 'health'> &
    Pick<NotificationHandlerOptions, 'health' | 'ownWrites' | 'queuedRounds'> = {},
): Promise<NotificationEndpoint> {
  // The app must listen before the manager knows its URL; the handler is plugged in after.
  const late: { handler?: NotificationHandler } = {};
  const app = createApp({
    stores: stack.stores,
    verifier: { verify: () => Promise.reject(new Error('no bearer calls in these tests')) },
    logger: pino({ level: 'silent' }),
    notifications: { receive: (n) => late.handler!.receive(n) },
  });
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/notifications`;
  const store = new InMemorySubscriptionStore();
  const manager = new SubscriptionManager({ clientFor: () => stack.harness.deps.client, store, notificationUrl: url, ...options });
  const handler = new NotificationHandler({
    queue: stack.queue,
    store,
    subscriptions: manager,
    tenants: () => [stack.tenantId],
    health: options.health,
    ownWrites: options.ownWrites,
    queuedRounds: options.queuedRounds,
  });
  late.handler = handler;
  return {
    url,
    server,
    store,
    manager,
    handler,
    close: async () => {
      await handler.idle();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
