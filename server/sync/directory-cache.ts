/**
 * Each tenant's directory as enrolment 'all' reads it (GET /users), kept for `ttlMs`. The scheduler asks for it on
 * every tick (every 30 s by default); listing it each time cost one Graph request per 999 users per tick per tenant.
 * The same pages carry each user's object id, the owner of their personal rules, so a mailbox found this way needs
 * no owner lookup of its own (owner-ids.ts asks `ownerOf` first). A new user is enrolled within `ttlMs`.
 */
import type { DirectoryUser } from './graph-users';

interface Listing {
  at: number;
  /** address (lower-case) → object id (lower-case), in the directory's order */
  ids: Map<string, string>;
}

export interface DirectoryCacheOptions {
  ttlMs: number;
  /** The runtime's clock (bench:day runs a simulated one). */
  now?: () => Date;
}

export class DirectoryCache {
  private readonly listings = new Map<string, Listing>();
  /** One listing at a time per tenant: ticks and resyncs that ask together share it. */
  private readonly inFlight = new Map<string, Promise<Listing>>();
  private readonly now: () => number;

  constructor(
    private readonly list: (tenantId: string) => Promise<DirectoryUser[]>,
    private readonly options: DirectoryCacheOptions,
  ) {
    const clock = options.now;
    this.now = clock ? () => clock().getTime() : Date.now;
  }

  /** The tenant's mailbox addresses (lower-case), listed again once the last listing is `ttlMs` old. */
  async addresses(tenantId: string): Promise<string[]> {
    return [...(await this.listing(tenantId)).ids.keys()];
  }

  /** The object id of the user with this address, from the last listing (no Graph call); undefined when not in it. */
  ownerOf(tenantId: string, address: string): string | undefined {
    return this.listings.get(tenantId)?.ids.get(address.toLowerCase());
  }

  private listing(tenantId: string): Promise<Listing> {
    const kept = this.listings.get(tenantId);
    if (kept && this.now() - kept.at < this.options.ttlMs) return Promise.resolve(kept);
    let pending = this.inFlight.get(tenantId);
    if (!pending) {
      const at = this.now();
      pending = this.list(tenantId)
        .then((users) => {
          const listing: Listing = { at, ids: new Map(users.map((u) => [u.address, u.id])) };
          this.listings.set(tenantId, listing);
          return listing;
        })
        // A failed listing is not kept: the next tick asks Graph again.
        .finally(() => this.inFlight.delete(tenantId));
      this.inFlight.set(tenantId, pending);
    }
    return pending;
  }
}
