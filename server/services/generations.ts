/**
 * Write generations per key, so a cache never stores a read that raced a write of the same key: a reader
 * captures `of(key)` before it reads and may cache only if the value is unchanged afterwards; every write
 * `bump`s the key before and after it runs.
 *
 * Values come from one counter, so they only grow. The map is bounded (one entry per key ever written would
 * grow with the user count forever): the least recently bumped key is forgotten, and a forgotten key reads as
 * the highest value ever forgotten (`floor`) — newer than anything a reader captured before that key's last
 * write, so forgetting can only cause a spurious miss, never a stale hit.
 */
export class Generations {
  private readonly byKey = new Map<string, number>();
  private counter = 0;
  private floor = 0;

  constructor(private readonly maxKeys = 100_000) {}

  of(key: string): number {
    return this.byKey.get(key) ?? this.floor;
  }

  bump(key: string): void {
    // Delete first so re-insertion moves the key to the end: the map's order is "least recently bumped first".
    this.byKey.delete(key);
    if (this.byKey.size >= this.maxKeys) {
      const [oldest, value] = this.byKey.entries().next().value as [string, number];
      this.byKey.delete(oldest);
      this.floor = Math.max(this.floor, value);
    }
    this.byKey.set(key, ++this.counter);
  }
}
