import { ExpiringEntries } from '../../server/services/expiring-entries';

describe('ExpiringEntries (the store behind the API caches)', () => {
  let clock = 1_000;
  const now = () => clock;
  beforeEach(() => {
    clock = 1_000;
  });

  it('evicts the least recently used entry, not the oldest written', () => {
    const entries = new ExpiringEntries<string>(2, now);
    entries.set('a', { value: 'A', until: 5_000, gen: 1 });
    entries.set('b', { value: 'B', until: 5_000, gen: 1 });
    expect(entries.get('a', 1)?.value).toBe('A'); // a is now the most recently used
    entries.set('c', { value: 'C', until: 5_000, gen: 1 });
    expect(entries.get('b', 1)).toBeUndefined();
    expect(entries.get('a', 1)?.value).toBe('A');
    expect(entries.get('c', 1)?.value).toBe('C');
  });

  it('drops an entry at its expiry and one read at another generation', () => {
    const entries = new ExpiringEntries<string>(10, now);
    entries.set('a', { value: 'A', until: 2_000, gen: 3 });
    entries.set('b', { value: 'B', until: 9_000, gen: 3 });
    expect(entries.get('b', 4)).toBeUndefined();
    expect(entries.peek('b')).toBeUndefined();
    clock = 1_999;
    expect(entries.get('a', 3)?.value).toBe('A');
    clock = 2_000;
    expect(entries.get('a', 3)).toBeUndefined();
    expect(entries.peek('a')).toBeUndefined();
  });
});
