/**
 * CLOCK_MONOTONIC in ms. process.hrtime reads the same clock in every thread
 * and every process of the machine (and Python's time.monotonic_ns does too),
 * so times reported by workers line up with the sampler's.
 */
export function monoMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}
