/**
 * Linearity as a ratio, never as a time limit: the CPU time per input character on a large input may be at most
 * `ratio` times that on a small one. A quadratic step makes the large input's cost per character grow with its
 * length (×64 between 16 KB and 1 MB), a linear one keeps it flat. Each size takes the best of several trials, so
 * a moment of contention on a shared machine inflates neither side.
 */
const TRIALS = 5;

function cpuMicros(run: () => void): number {
  const before = process.cpuUsage();
  run();
  const used = process.cpuUsage(before);
  return used.user + used.system;
}

/** CPU µs per character of `input(size)`, best of TRIALS, each trial running at least `minChars` characters. */
export function costPerChar(work: (input: string) => unknown, input: string, minChars = 262_144): number {
  const reps = Math.max(1, Math.ceil(minChars / input.length));
  let best = Infinity;
  for (let t = 0; t < TRIALS; t++)
    best = Math.min(
      best,
      cpuMicros(() => {
        for (let r = 0; r < reps; r++) work(input);
      }) / reps,
    );
  return best / input.length;
}

/** Cost per character at `large` over that at `small`; ≤ a small constant when `work` is linear. */
export function growthRatio(work: (input: string) => unknown, make: (size: number) => string, small: number, large: number): number {
  work(make(small)); // warm up: the first call compiles
  const smallCost = costPerChar(work, make(small));
  const largeCost = costPerChar(work, make(large));
  return largeCost / Math.max(smallCost, Number.EPSILON);
}

/** `unit` repeated to exactly `size` characters. */
export function repeatTo(unit: string, size: number): string {
  return unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
}
