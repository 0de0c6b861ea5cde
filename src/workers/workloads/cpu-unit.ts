/** Iterations in one unit of CPU work (~50-150 us on a desktop core). */
export const CPU_UNIT_ITERATIONS = 20_000;

/**
 * One unit of pure integer computation (xorshift32 steps). Deterministic for a
 * seed, touches no memory beyond registers, and returns its result so the JIT
 * cannot drop the loop. `iterations` lets the simulated GIL cut finer slices.
 */
export function cpuUnit(seed: number, iterations: number = CPU_UNIT_ITERATIONS): number {
  let x = seed | 0 || 1;
  for (let i = 0; i < iterations; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
  }
  return x;
}
