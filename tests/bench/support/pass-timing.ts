/**
 * Times a benchmark's passes by wall clock and by the CPU this process used (process.cpuUsage: user + system, all
 * its threads, GC included). Two sides compared in one process by CPU time stay comparable when the machine is
 * busy: time spent waiting for a core counts in wall time only, and a short pass and a long one meet other work
 * differently (bench:rules gave ratios of 79 and 138 by wall time on the same code).
 */

export interface PassTiming<T> {
  /** Median wall time of the timed passes, ms. */
  wallMs: number;
  /** Median CPU time (user + system) of the timed passes, ms. */
  cpuMs: number;
  /** The last pass's result, for checking the sides agree. */
  result: T;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

type Pass = () => unknown;
type Timed<S extends Record<string, Pass>> = { [K in keyof S]: PassTiming<Awaited<ReturnType<S[K]>>> };

/**
 * Runs every side once untimed (warm-up), then `rounds` rounds in which each side runs once, in turn; each side's
 * figures are the medians of its passes, each clock taken separately. Taking turns spreads every side's passes
 * over the whole run, so a burst of other work lands on all of them rather than on whichever ran then.
 */
export async function timeSides<S extends Record<string, Pass>>(sides: S, rounds = 3): Promise<Timed<S>> {
  const names = Object.keys(sides) as Array<keyof S>;
  for (const name of names) await sides[name]!();
  const wall = new Map(names.map((n) => [n, [] as number[]]));
  const cpu = new Map(names.map((n) => [n, [] as number[]]));
  const results = new Map<keyof S, unknown>();
  for (let round = 0; round < rounds; round++) {
    for (const name of names) {
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      results.set(name, await sides[name]!());
      wall.get(name)!.push(performance.now() - t0);
      const used = process.cpuUsage(cpu0);
      cpu.get(name)!.push((used.user + used.system) / 1000);
    }
  }
  return Object.fromEntries(names.map((n) => [n, { wallMs: median(wall.get(n)!), cpuMs: median(cpu.get(n)!), result: results.get(n) }])) as Timed<S>;
}

/** Runs `run` `reps` times back to back; the mean time of one run by each clock, ms to three decimals. */
export function timeRepeated(run: () => unknown, reps = 1): { wallMs: number; cpuMs: number } {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < reps; i++) run();
  const wall = performance.now() - t0;
  const used = process.cpuUsage(cpu0);
  const per = (ms: number) => Math.round((ms / reps) * 1000) / 1000;
  return { wallMs: per(wall), cpuMs: per((used.user + used.system) / 1000) };
}

/** Items per second for a time in ms, rounded. */
export const perSecond = (items: number, ms: number): number => Math.round(items / (ms / 1000));

/** a / b to one decimal. */
export const ratio = (a: number, b: number): number => Math.round((a / b) * 10) / 10;
