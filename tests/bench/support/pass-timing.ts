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

/** Runs `pass` once untimed (warm-up), then `passes` times; medians of each clock, taken separately. */
export async function timePasses<T>(pass: () => Promise<T> | T, passes = 3): Promise<PassTiming<T>> {
  await pass();
  const wall: number[] = [];
  const cpu: number[] = [];
  let result!: T;
  for (let i = 0; i < passes; i++) {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    result = await pass();
    wall.push(performance.now() - t0);
    const used = process.cpuUsage(cpu0);
    cpu.push((used.user + used.system) / 1000);
  }
  return { wallMs: median(wall), cpuMs: median(cpu), result };
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
