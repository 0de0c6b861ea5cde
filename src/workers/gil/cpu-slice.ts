import { cpuUnit } from '../workloads/cpu-unit';

/**
 * One slice of "bytecode": a fixed amount of integer work (xorshift rounds)
 * that the JIT cannot remove, since the result feeds the next slice.
 * 4,000 rounds take ~7 us here: fine-grained enough for a 0.1 ms
 * switch interval, coarse enough that checking the GIL costs little.
 */
export const SLICE_ROUNDS = 4000;

export function cpuSlice(seed: number, rounds: number = SLICE_ROUNDS): number {
  return cpuUnit(seed, rounds);
}
