/** Benchmark inputs draw from the sandbox's seeded PRNG (mulberry32), the one copy, so they are identical run to run. */
import { createPrng } from '../../../graph-sandbox/src/prng';

export function seededRandom(seed: number): () => number {
  return createPrng(seed).next;
}

export function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)]!;
}
