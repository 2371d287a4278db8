/**
 * Personal rules are owned by the user's Entra object id (the API takes it from the token's `oid`), and the
 * sync may address a mailbox by UPN. Graph's user id is that same object id, so one lookup per mailbox (cached
 * for the process) maps a UPN to the owner of its personal rules — none where the directory listing has it.
 */
import type { Client } from '@microsoft/microsoft-graph-client';
import { LRUCache } from 'lru-cache';
import { GUID } from '../config/fields';
import { defaultBackoff, retryDelayMs, sleep, type BackoffPolicy } from './backoff';

/** The Graph client retries 429/503/504 itself, but not a reset connection; a round should not fail on one. */
async function withRetries<T>(call: () => Promise<T>, policy: BackoffPolicy): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (err) {
      const status = (err as { statusCode?: number }).statusCode;
      const transient = status === undefined || status === -1 || status === 429 || status >= 500;
      if (!transient || attempt + 1 >= Math.min(policy.maxAttempts, 4)) throw err;
      await sleep(retryDelayMs(attempt, undefined, policy));
    }
  }
}

/**
 * `clients`: one tenant's client, or each tenant's (object ids are per directory, so each is asked of its own).
 * `known`: ids already at hand (the directory listing of enrolment 'all', directory-cache.ts), asked first.
 */
export function graphOwnerIds(
  clients: Client | ((tenantId: string) => Client),
  policy: BackoffPolicy = defaultBackoff,
  known?: (tenantId: string, mailboxId: string) => string | undefined,
): (tenantId: string, mailboxId: string) => Promise<string> {
  const clientFor = typeof clients === 'function' ? clients : () => clients;
  // Bounded: a process serving many tenants must not keep every mailbox it ever saw.
  const cache = new LRUCache<string, Promise<string>>({ max: 50_000 });
  return (tenantId, mailboxId) => {
    if (GUID.test(mailboxId)) return Promise.resolve(mailboxId.toLowerCase());
    const listed = known?.(tenantId, mailboxId);
    if (listed) return Promise.resolve(listed);
    const key = `${tenantId}|${mailboxId.toLowerCase()}`;
    let owner = cache.get(key);
    if (!owner) {
      const lookup = () =>
        clientFor(tenantId)
          .api(`/users/${encodeURIComponent(mailboxId)}`)
          .select('id')
          .get() as Promise<{ id?: string }>;
      owner = withRetries(lookup, policy).then((user) => {
        if (!user.id) throw new Error('Graph returned a user without an id');
        return user.id.toLowerCase();
      });
      // A failed lookup is not remembered: the next round asks again.
      owner.catch(() => cache.delete(key));
      cache.set(key, owner);
    }
    return owner;
  };
}
