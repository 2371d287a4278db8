/**
 * The cache building blocks under races: a read that straddles a write is never cached, concurrent misses
 * share one read but never across a write, an owner's set is updated in place only when nothing else wrote
 * meanwhile, and bounded bookkeeping can forget a key without ever turning a stale entry valid.
 */
import { EffectiveRulesCache } from '../../server/services/effective-cache';
import { Generations } from '../../server/services/generations';
import { KeyedCache } from '../../server/services/keyed-cache';

/** A promise resolved from outside, to hold a store read or write open. */
function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('Generations', () => {
  test('a bump always moves a key past anything captured before it', () => {
    const g = new Generations();
    const a0 = g.of('a');
    g.bump('b');
    expect(g.of('a')).toBe(a0);
    g.bump('a');
    expect(g.of('a')).toBeGreaterThan(a0);
  });

  test('forgetting keys (bounded map) never brings a captured generation back', () => {
    const g = new Generations(2);
    g.bump('a');
    const captured = g.of('a');
    g.bump('a'); // a write after the capture
    g.bump('b');
    g.bump('c'); // 'a' is forgotten here
    expect(g.of('a')).not.toBe(captured);
    expect(g.of('a')).toBeGreaterThan(captured);
    // A key never written reads as the floor: stable until something else is forgotten.
    const z = g.of('z');
    expect(g.of('z')).toBe(z);
  });
});

describe('KeyedCache', () => {
  test('a read that raced a write is not cached', () => {
    const cache = new KeyedCache<string>(1000);
    const gen = cache.generation('t1');
    cache.invalidate('t1');
    cache.set('t1', gen, 'old');
    expect(cache.get('t1')).toBeUndefined();
    cache.set('t1', cache.generation('t1'), 'new');
    expect(cache.get('t1')?.value).toBe('new');
    cache.invalidate('t2');
    expect(cache.get('t1')?.value).toBe('new');
  });

  test('entries expire after the TTL; TTL 0 caches nothing', () => {
    let t = 0;
    const cache = new KeyedCache<string>(100, 10, () => t);
    expect(cache.set('k', cache.generation('k'), 'v').until).toBe(100);
    t = 99;
    expect(cache.get('k')?.value).toBe('v');
    t = 100;
    expect(cache.get('k')).toBeUndefined();
    const off = new KeyedCache<string>(0);
    off.set('k', off.generation('k'), 'v');
    expect(off.get('k')).toBeUndefined();
  });

  test('concurrent misses share one read', async () => {
    const cache = new KeyedCache<string>(1000);
    const read = deferred<string>();
    let reads = 0;
    const load = () => {
      reads++;
      return read.promise;
    };
    const all = Promise.all([cache.getOrLoad('t1', load), cache.getOrLoad('t1', load), cache.getOrLoad('t1', load)]);
    read.resolve('v');
    expect((await all).map((c) => c.value)).toEqual(['v', 'v', 'v']);
    expect(reads).toBe(1);
    expect((await cache.getOrLoad('t1', load)).value).toBe('v');
    expect(reads).toBe(1);
  });

  test('a caller after a write never joins a read that began before it, and the older read is not cached', async () => {
    const cache = new KeyedCache<string>(1000);
    const before = deferred<string>();
    const after = deferred<string>();
    const first = cache.getOrLoad('t1', () => before.promise);
    cache.invalidate('t1'); // a write starts while the first read is in flight
    const second = cache.getOrLoad('t1', () => after.promise);
    before.resolve('old');
    after.resolve('new');
    expect((await first).value).toBe('old');
    expect((await second).value).toBe('new');
    expect(cache.get('t1')?.value).toBe('new');
  });

  test('a failed read reaches every caller sharing it and caches nothing', async () => {
    const cache = new KeyedCache<string>(1000);
    const read = deferred<string>();
    const a = cache.getOrLoad('t1', () => read.promise);
    const b = cache.getOrLoad('t1', () => read.promise);
    read.reject(new Error('store down'));
    await expect(a).rejects.toThrow('store down');
    await expect(b).rejects.toThrow('store down');
    expect((await cache.getOrLoad('t1', async () => 'back')).value).toBe('back');
  });
});

describe('EffectiveRulesCache.writeUser', () => {
  const add = (set: string[], r: string) => [...set, r];

  test("updates the owner's cached set in place, keeping its expiry; other users and tenants keep theirs", async () => {
    let t = 0;
    const cache = new EffectiveRulesCache<string[]>(100, 10, () => t);
    cache.set('t1', 'u1', cache.generation('t1', 'u1'), ['a']);
    cache.set('t1', 'u2', cache.generation('t1', 'u2'), ['x']);
    cache.set('t2', 'u1', cache.generation('t2', 'u1'), ['other tenant']);
    t = 50;
    await cache.writeUser('t1', 'u1', async () => 'b', add);
    expect(cache.get('t1', 'u1')?.value).toEqual(['a', 'b']);
    expect(cache.get('t1', 'u2')?.value).toEqual(['x']);
    expect(cache.get('t2', 'u1')?.value).toEqual(['other tenant']);
    t = 100;
    expect(cache.get('t1', 'u1')).toBeUndefined();
  });

  test('a concurrent write of the same user, or an org write, drops the set instead', async () => {
    for (const concurrent of [
      (c: EffectiveRulesCache<string[]>) => c.invalidateUser('t1', 'u1'),
      (c: EffectiveRulesCache<string[]>) => c.invalidateTenant('t1'),
    ]) {
      const cache = new EffectiveRulesCache<string[]>(1000);
      cache.set('t1', 'u1', cache.generation('t1', 'u1'), ['a']);
      const write = deferred<string>();
      const done = cache.writeUser('t1', 'u1', () => write.promise, add);
      concurrent(cache);
      write.resolve('b');
      await done;
      expect(cache.get('t1', 'u1')).toBeUndefined();
    }
  });

  test('a failed write drops the set and rethrows; without a cached set nothing is cached', async () => {
    const cache = new EffectiveRulesCache<string[]>(1000);
    cache.set('t1', 'u1', cache.generation('t1', 'u1'), ['a']);
    await expect(cache.writeUser('t1', 'u1', async () => Promise.reject(new Error('412')), add)).rejects.toThrow('412');
    expect(cache.get('t1', 'u1')).toBeUndefined();
    await cache.writeUser('t1', 'u1', async () => 'b', add);
    expect(cache.get('t1', 'u1')).toBeUndefined();
  });

  test('a read that started before the write and ends after it is not cached', async () => {
    const cache = new EffectiveRulesCache<string[]>(1000);
    const gen = cache.generation('t1', 'u1');
    await cache.writeUser('t1', 'u1', async () => 'b', add);
    cache.set('t1', 'u1', gen, ['stale']);
    expect(cache.get('t1', 'u1')).toBeUndefined();
  });

  test('set never outlives the until it is given (the org rules it was built from)', () => {
    let t = 0;
    const cache = new EffectiveRulesCache<string[]>(100, 10, () => t);
    cache.set('t1', 'u1', cache.generation('t1', 'u1'), ['a'], 30);
    t = 30;
    expect(cache.get('t1', 'u1')).toBeUndefined();
  });
});
