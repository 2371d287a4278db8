/** The mirrored records: compact form round-trips exactly; pending events are not trusted. */
import fc from 'fast-check';
import { StampMirror } from '../../server/sync/stamp-mirror';

const empty = { names: [], records: {}, pending: [] };

describe('StampMirror', () => {
  test('any set of records survives the compact form (names interned once, case-insensitively)', () => {
    const name = fc.constantFrom('Customer', 'Focus', 'External', 'Series', 'Review', 'Long name with spaces');
    const record = fc.record({ stamped: fc.uniqueArray(name), suppressed: fc.uniqueArray(name) });
    fc.assert(
      fc.property(fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), record), (records) => {
        const mirror = new StampMirror(empty);
        for (const [id, r] of Object.entries(records)) mirror.set(id, r, true);
        const state = mirror.toState();
        expect(new Set(state.names.map((n) => n.toLowerCase())).size).toBe(state.names.length);
        const back = new StampMirror(JSON.parse(JSON.stringify(state)));
        for (const [id, r] of Object.entries(records)) expect(back.get(id)).toEqual(r);
        expect(back.size).toBe(Object.keys(records).length);
      }),
    );
  });

  test('an empty record is kept only for an event carrying a watched category', () => {
    const mirror = new StampMirror(empty);
    mirror.set('a', { stamped: [], suppressed: [] }, false);
    mirror.set('b', { stamped: [], suppressed: [] }, true);
    expect(mirror.get('a')).toBeUndefined();
    expect(mirror.get('b')).toEqual({ stamped: [], suppressed: [] });
  });

  test('pending ids are unknown until written again; retainOnly drops what a full round did not see', () => {
    const mirror = new StampMirror({ names: ['Customer'], records: { a: [0], b: [-1] }, pending: ['a'] });
    expect(mirror.isPending('a')).toBe(true);
    expect(mirror.get('a')).toBeUndefined();
    expect(mirror.get('b')).toEqual({ stamped: [], suppressed: ['Customer'] });
    mirror.set('a', { stamped: ['Customer'], suppressed: [] }, true);
    expect(mirror.get('a')).toEqual({ stamped: ['Customer'], suppressed: [] });
    mirror.markPending(['b']);
    expect(mirror.toState().pending).toEqual(['b']);
    mirror.retainOnly(new Set(['a']));
    expect(mirror.toState().records).toEqual({ a: [0] });
  });
});
