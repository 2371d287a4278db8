/**
 * A small in-process cache of store reads (a tenant's org rules, a tenant's settings). Writes through this
 * instance `invalidate` the key before and after the store write, so the next read sees them; writes made by
 * other instances sharing the store show up once an entry is `ttlMs` old. A read that raced a write is not
 * cached (see Generations). ttlMs 0 turns caching off.
 */
import { ExpiringEntries } from './expiring-entries';
import { Generations } from './generations';

export interface Cached<T> {
  value: T;
  /** Epoch ms after which the value must be read again; anything derived from it must not outlive it. */
  until: number;
}

export class KeyedCache<T> {
  private readonly entries: ExpiringEntries<T>;
  private readonly generations = new Generations();
  /** Store reads under way, by key, with the generation they started at. */
  private readonly loading = new Map<string, { gen: number; promise: Promise<Cached<T>> }>();

  constructor(
    private readonly ttlMs: number,
    maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {
    this.entries = new ExpiringEntries(maxEntries, now);
  }

  /** Capture before reading the store; pass to `set`. */
  generation(key: string): number {
    return this.generations.of(key);
  }

  get(key: string): Cached<T> | undefined {
    if (this.ttlMs <= 0) return undefined;
    const hit = this.entries.get(key, this.generation(key));
    return hit && { value: hit.value, until: hit.until };
  }

  /** Stores a value read at generation `gen`; not stored if the key was written since. Returns it either way. */
  set(key: string, gen: number, value: T): Cached<T> {
    const until = this.now() + this.ttlMs;
    if (this.ttlMs <= 0 || gen !== this.generation(key)) return { value, until: this.now() };
    this.entries.set(key, { value, until, gen });
    return { value, until };
  }

  /**
   * The cached value, or one read with `load`. Concurrent misses of a key share one read — when an entry
   * expires, every user of the tenant misses at once, and 200 identical queries are 199 too many — but only
   * while no write intervened: a caller that starts after a write never joins a read that began before it.
   */
  async getOrLoad(key: string, load: () => Promise<T>): Promise<Cached<T>> {
    const hit = this.get(key);
    if (hit) return hit;
    const gen = this.generation(key);
    const pending = this.loading.get(key);
    if (pending && pending.gen === gen) return pending.promise;
    const promise = load().then((value) => this.set(key, gen, value));
    const mine = { gen, promise };
    this.loading.set(key, mine);
    const done = () => {
      if (this.loading.get(key) === mine) this.loading.delete(key);
    };
    promise.then(done, done);
    return promise;
  }

  /** A write of this key (call before and after the store write). */
  invalidate(key: string): void {
    this.generations.bump(key);
    this.entries.delete(key);
  }
}
