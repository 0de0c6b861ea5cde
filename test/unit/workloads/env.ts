import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { WorkerPhase } from '../../../src/shared';
import { monoMs } from '../../../src/node/clock';
import type { WorkloadEnv } from '../../../src/workers/workloads/workload-env';

/** A real environment (real clock, timers, file reads) that records what the workload reports. */
export function recordingEnv(stopAfterMs: number | null = null) {
  const phases: WorkerPhase[] = [];
  const units: number[] = [];
  const started = monoMs();
  let stop = false;
  const env: WorkloadEnv = {
    now: monoMs,
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    yieldToLoop: () => new Promise((r) => setImmediate(r)),
    readFile: async (path) => (await readFile(path)).byteLength,
    scratchFile: fileURLToPath(import.meta.url),
    setPhase: (p) => {
      if (phases.at(-1) !== p) phases.push(p);
    },
    chunkDone: (u) => units.push(u),
    stopped: () => stop || (stopAfterMs !== null && monoMs() - started >= stopAfterMs),
  };
  return { env, phases, units, stopNow: () => (stop = true) };
}
