/**
 * Stores whose calls keep the deadline of the work they run for (store/deadline.ts), whichever store is behind
 * them: a call is not started once the deadline has passed (a write begun after the client was answered 503 would
 * land unseen), and a call still pending at the deadline stops being waited for (StoreError 'timed_out'). Cosmos
 * calls are also aborted on the wire (cosmos/deadline-plugin.ts); a SQLite call runs synchronously, so only the
 * first guard applies to it, and its own bound is busy_timeout. Without a deadline (the sync) calls pass through.
 */
import { currentDeadline, deadlineError, pastDeadline } from './deadline';
import type { Stores } from './types';

function raceDeadline<T>(pending: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(deadlineError());
    signal.addEventListener('abort', onAbort, { once: true });
    pending.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(err);
      },
    );
  });
}

/** Each method of `repository` behind the two guards; other properties as they are. */
function guarded<T extends object>(repository: T): T {
  return new Proxy(repository, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const deadline = currentDeadline();
        if (!deadline) return (value as (...a: unknown[]) => unknown).apply(target, args);
        // Every repository method returns a promise, so the refusal is a rejected one, as a store failure would be.
        if (pastDeadline(deadline)) return Promise.reject(deadlineError());
        const result: unknown = (value as (...a: unknown[]) => unknown).apply(target, args);
        return result instanceof Promise ? raceDeadline(result, deadline.signal) : result;
      };
    },
  });
}

export function storesWithDeadlines(stores: Stores): Stores {
  return {
    ...stores,
    rules: guarded(stores.rules),
    ruleVersions: guarded(stores.ruleVersions),
    settings: guarded(stores.settings),
    audit: guarded(stores.audit),
    syncState: guarded(stores.syncState),
    syncRounds: guarded(stores.syncRounds),
    subscriptions: guarded(stores.subscriptions),
    notificationInbox: guarded(stores.notificationInbox),
    tenants: guarded(stores.tenants),
    tenantData: guarded(stores.tenantData),
    ping: () => guarded({ ping: () => stores.ping() }).ping(),
    close: () => stores.close(),
  };
}
