/**
 * Hard bounds on run parameters. A run of more workers than this is refused:
 * each worker costs a thread (~10 MB) or a process (~40 MB) and a sampled
 * /proc entry, and the point of the tool is to watch them, not to fork-bomb.
 */
export const LIMITS = {
  maxWorkers: 64,
  maxDurationS: 600,
  minIntervalMs: 0.25,
  maxIntervalMs: 1000,
  maxMemoryMb: 4096,
} as const;
