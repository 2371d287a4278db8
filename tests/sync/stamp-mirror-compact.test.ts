/** The mirror keeps the stored compact form and decodes on demand; odd stored states still read as before. */
import { StampMirror } from '../../server/sync/stamp-mirror';

describe('StampMirror, compact form', () => {
  test('an unchanged mirror stores what it loaded', () => {
    const stored = { names: ['Customer', 'Focus'], records: { a: [0, -2], b: [1], c: [] }, pending: ['d'] };
    const mirror = new StampMirror(structuredClone(stored));
    expect(mirror.toState()).toEqual(stored);
    expect(mirror.get('a')).toEqual({ stamped: ['Customer'], suppressed: ['Focus'] });
    expect(mirror.get('c')).toEqual({ stamped: [], suppressed: [] });
    expect(mirror.knows('a')).toBe(true);
    expect(mirror.knows('d')).toBe(false);
    expect(mirror.knows('e')).toBe(false);
  });

  test('stored names repeated case-insensitively are merged, and indices naming nothing are dropped', () => {
    const mirror = new StampMirror({ names: ['Customer', 'customer', 'Focus'], records: { a: [1, -3], b: [7, 0, -9] }, pending: [] });
    expect(mirror.get('a')).toEqual({ stamped: ['Customer'], suppressed: ['Focus'] });
    expect(mirror.get('b')).toEqual({ stamped: ['Customer'], suppressed: [] });
    const state = mirror.toState();
    expect(new Set(state.names.map((n) => n.toLowerCase())).size).toBe(state.names.length);
    expect(new StampMirror(state).get('a')).toEqual({ stamped: ['Customer'], suppressed: ['Focus'] });
  });

  test('set, delete and retainOnly change only the entries they name; an id like __proto__ is an entry like any other', () => {
    const mirror = new StampMirror({ names: ['Customer'], records: { a: [0], b: [0] }, pending: [] });
    mirror.set('__proto__', { stamped: ['Series'], suppressed: ['customer'] }, false);
    mirror.delete('a');
    mirror.retainOnly(new Set(['b', '__proto__']));
    const state = JSON.parse(JSON.stringify(mirror.toState()));
    expect(state.names).toEqual(['Customer', 'Series']);
    expect(Object.keys(state.records).sort()).toEqual(['__proto__', 'b']);
    expect(new StampMirror(state).get('__proto__')).toEqual({ stamped: ['Series'], suppressed: ['Customer'] });
  });
});
