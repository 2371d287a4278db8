/**
 * The one store behind the API's in-process caches (KeyedCache, EffectiveRulesCache): entries with an expiry
 * and the write generation they were read at, least recently used evicted first (lru-cache). Expiry is kept
 * on the entry rather than as lru-cache's ttl because callers hand `until` on to what they derive from it, and
 * the clock is injected for tests.
 */
import { LRUCache } from 'lru-cache';

export interface ExpiringEntry<V> {
  value: V;
  /** Epoch ms after which the value must be read again. */
  until: number;
  gen: number;
}

export class ExpiringEntries<V> {
  private readonly entries: LRUCache<string, ExpiringEntry<V>>;

  constructor(
    maxEntries: number,
    private readonly now: () => number,
  ) {
    this.entries = new LRUCache({ max: maxEntries });
  }

  /** The entry if it is still fresh and was read at `currentGen`; otherwise it is dropped. */
  get(key: string, currentGen: number): ExpiringEntry<V> | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    if (hit.until <= this.now() || hit.gen !== currentGen) {
      this.entries.delete(key);
      return undefined;
    }
    return hit;
  }

  /** Peeks without the freshness check (a caller that already checked it in the same tick). */
  peek(key: string): ExpiringEntry<V> | undefined {
    return this.entries.peek(key);
  }

  set(key: string, entry: ExpiringEntry<V>): void {
    this.entries.set(key, entry);
  }

  delete(key: string): void {
    this.entries.delete(key);
  }
}
