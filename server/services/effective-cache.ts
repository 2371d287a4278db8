/**
 * Per-user cache of the effective rule set (and its serialized API body), in process. Writes made through
 * this instance invalidate it at once: an org write every user of the tenant (`invalidateTenant`), a personal
 * write only its owner (`invalidateUser`) — a personal rule is in nobody else's set, and dropping the whole
 * tenant on every personal write meant that with many users writing, nobody's set stayed cached. Writes made
 * by other instances sharing the store become visible after `ttlMs` at the latest.
 * Generations (tenant and user) keep a read that raced a write from caching the older result.
 */
import { ExpiringEntries } from './expiring-entries';
import { Generations } from './generations';

export interface EffectiveEntry<T> {
  value: T;
  /** Serialized response body, filled lazily by the route. */
  json?: string;
}

export class EffectiveRulesCache<T> {
  private readonly entries: ExpiringEntries<EffectiveEntry<T>>;
  private readonly generations = new Generations();

  constructor(
    private readonly ttlMs: number,
    maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {
    this.entries = new ExpiringEntries(maxEntries, now);
  }

  private key(tenantId: string, userId: string): string {
    return `${tenantId}/${userId}`;
  }

  /**
   * Capture before reading; pass to `set`. With a user: moves on every org write of the tenant and every
   * personal write of that user (both come from one growing counter, so the max moves when either does).
   */
  generation(tenantId: string, userId?: string): number {
    const tenant = this.generations.of(`t:${tenantId}`);
    return userId === undefined ? tenant : Math.max(tenant, this.generations.of(`u:${this.key(tenantId, userId)}`));
  }

  get(tenantId: string, userId: string): EffectiveEntry<T> | undefined {
    if (this.ttlMs <= 0) return undefined;
    return this.entries.get(this.key(tenantId, userId), this.generation(tenantId, userId))?.value;
  }

  /**
   * Stores a value read while the user was at generation `gen`; ignored if a write happened since. `until`
   * caps the lifetime when the value was built from something cached earlier (the tenant's org rules).
   */
  set(tenantId: string, userId: string, gen: number, value: T, until = Infinity): EffectiveEntry<T> {
    const entry: EffectiveEntry<T> = { value };
    if (this.ttlMs <= 0 || gen !== this.generation(tenantId, userId)) return entry;
    this.entries.set(this.key(tenantId, userId), { value: entry, until: Math.min(until, this.now() + this.ttlMs), gen });
    return entry;
  }

  /** An org rule write: every cached set of the tenant is dropped. */
  invalidateTenant(tenantId: string): void {
    this.generations.bump(`t:${tenantId}`);
  }

  /**
   * Runs a write of one user's personal rules. When that user's set was cached and nothing else wrote the
   * tenant's org rules or this user's rules while it ran, the set is cached again with the write applied
   * (`apply`, from the stored result) instead of being dropped — the owner's next read needs no store round
   * trip. The entry keeps its original expiry: the part not written here is exactly as stale as it was.
   * In every other case (no cached set, a concurrent write, a failed write) the set is dropped as usual.
   */
  async writeUser<R>(tenantId: string, userId: string, write: () => Promise<R>, apply: (set: T, result: R) => T): Promise<R> {
    const k = this.key(tenantId, userId);
    const before = this.get(tenantId, userId) && this.entries.peek(k);
    this.invalidateUser(tenantId, userId);
    const during = this.generation(tenantId, userId);
    let result: R;
    try {
      result = await write();
    } catch (err) {
      this.invalidateUser(tenantId, userId);
      throw err;
    }
    const alone = this.generation(tenantId, userId) === during;
    this.invalidateUser(tenantId, userId);
    if (before && alone) this.set(tenantId, userId, this.generation(tenantId, userId), apply(before.value.value, result), before.until);
    return result;
  }

  /** A personal rule write: only its owner's cached set is dropped. */
  invalidateUser(tenantId: string, userId: string): void {
    this.generations.bump(`u:${this.key(tenantId, userId)}`);
    this.entries.delete(this.key(tenantId, userId));
  }
}
