/**
 * Where the seeded kills land: each after the sandbox has counted a seeded number of PATCHes, drawn below the
 * fault-free run's total — a faulty run makes at least that many, so every point is reached, and each falls while
 * some mailbox still has writes to make. Which worker dies is seeded too, among those holding a lease (mid-round)
 * when any does.
 */
import { createPrng, type Prng } from '../../../graph-sandbox/src/prng';

export interface KillSchedule {
  /** Ascending PATCH counts at which to kill. */
  thresholds: number[];
  /** Picks the victim among the candidates. */
  pick<T>(candidates: readonly T[]): T;
}

export function killSchedule(seed: number, kills: number, cleanPatches: number): KillSchedule {
  const prng: Prng = createPrng(seed ^ 0x5eed);
  const thresholds = Array.from({ length: kills }, () => prng.int(1, Math.max(2, cleanPatches))).sort((a, b) => a - b);
  return { thresholds, pick: (candidates) => prng.pick(candidates) };
}
