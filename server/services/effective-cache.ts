/**
 * Per-user cache of the effective rule set (and its serialized API body), in process. Writes made through
 * this instance invalidate it at once (org writes: the whole tenant; personal writes: that user). Writes
 * made by other instances sharing the store become visible after `ttlMs` at the latest.
 * A generation counter per tenant keeps a read that raced a write from caching the older result.
 */
export interface EffectiveEntry<T> {
  value: T;
  /** Serialized response body, filled lazily by the route. */
  json?: string;
}

export class EffectiveRulesCache<T> {
  private readonly entries = new Map<string, { entry: EffectiveEntry<T>; until: number; gen: number }>();
  private readonly generations = new Map<string, number>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  private key(tenantId: string, userId: string): string {
    return `${tenantId}/${userId}`;
  }

  generation(tenantId: string): number {
    return this.generations.get(tenantId) ?? 0;
  }

  get(tenantId: string, userId: string): EffectiveEntry<T> | undefined {
    if (this.ttlMs <= 0) return undefined;
    const k = this.key(tenantId, userId);
    const hit = this.entries.get(k);
    if (!hit) return undefined;
    if (hit.until <= this.now() || hit.gen !== this.generation(tenantId)) {
      this.entries.delete(k);
      return undefined;
    }
    return hit.entry;
  }

  /** Stores a value read while the tenant was at generation `gen`; ignored if a write happened since. */
  set(tenantId: string, userId: string, gen: number, value: T): EffectiveEntry<T> {
    const entry: EffectiveEntry<T> = { value };
    if (this.ttlMs <= 0 || gen !== this.generation(tenantId)) return entry;
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(this.key(tenantId, userId), { entry, until: this.now() + this.ttlMs, gen });
    return entry;
  }

  /** Any rule write in the tenant: bump the generation so every cached set of the tenant is dropped. */
  invalidateTenant(tenantId: string): void {
    this.generations.set(tenantId, this.generation(tenantId) + 1);
  }
}
