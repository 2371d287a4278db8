/**
 * Jest's order, except on a run with no timing cache (every fresh clone, so every CI run): there jest falls back
 * to file size, and the short soak — a small file that runs for over a minute — started last and ran alone at the
 * end. Files known to be long start first instead; with a cache, jest's own order (longest first) already does that.
 */
const Sequencer = require('@jest/test-sequencer').default;

const KNOWN_LONG = /[\\/]tests[\\/]soak[\\/]|\.browser\.test\.ts$/;

class LongFirstSequencer extends Sequencer {
  sort(tests) {
    const sorted = super.sort(tests);
    const untimedLong = (test) => test.duration == null && KNOWN_LONG.test(test.path);
    return [...sorted.filter(untimedLong), ...sorted.filter((test) => !untimedLong(test))];
  }
}

module.exports = LongFirstSequencer;
