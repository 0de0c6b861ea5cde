/** Timing of a session's supervision; tests shorten them. */
export interface SessionTiming {
  /** A running worker silent (no heartbeat) this long is hung and killed. */
  hangGraceMs: number;
  /** A worker that has not said hello this long after its spawn request is hung (spawns are slow when cores are saturated). */
  spawnGraceMs: number;
  /** After stop, a worker gets this long to finish before it is killed as hung. */
  stopGraceMs: number;
  /** How often progress events go out. */
  progressMs: number;
  /** How often live metrics are computed and sent. */
  liveMetricsMs: number;
  /** At most this many initial workers starting at once; null: spawnBatchBound of the machine's cores (tests force a small one). */
  spawnBatch: number | null;
}

export const DEFAULT_TIMING: SessionTiming = {
  hangGraceMs: 3000,
  spawnGraceMs: 15000,
  stopGraceMs: 2000,
  progressMs: 100,
  liveMetricsMs: 1000,
  spawnBatch: null,
};
