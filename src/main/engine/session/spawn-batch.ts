/**
 * How many initial workers may be starting at once (requested, not yet up or
 * gone) on a machine with `cores` logical cores. Starting a Node process is
 * CPU work (a new V8, the bundle's parse); 64 at once on 2 cores made each
 * take over a second, and fewer at once shortens each spawn but lengthens the
 * phase. Measured on 2 cores, 64 process workers (bench/spawn-phase.bench.ts):
 * a phase of 17.6 s with 2 at once, 10.8 s with 4, 8.8 s with 8, 8.8 s with 16
 * and 9.2 s with all 64 (median spawn 0.5, 0.5, 1.0, 1.2, 1.7 s): 4 per core is
 * the shortest phase, at 1.26x 64 bare forks started the same way.
 */
export function spawnBatchBound(cores: number): number {
  const c = Number.isFinite(cores) && cores >= 1 ? Math.floor(cores) : 1;
  return Math.max(2, 4 * c);
}
