import type { Preset } from './preset';
import { judgeCpu } from './lib/cpu-verdict';
import { activeParallelism, activeWindowMs, durationOf, pythonScenario, r, runOnce, stateMs, workerTasks } from './lib';
import { discoverPythons } from '../python/discover';

const ID = 'python-cpu-threads';
const CLAIM = 'In CPython with a GIL, CPU-bound threads take turns: concurrent, not parallel.';
const scenarioOf = pythonScenario(ID, 'Real CPython: 2 CPU-bound threads', CLAIM, { kind: 'python-thread', workload: 'cpu', workers: 2, durationS: 3 });

/** Two CPU-bound threads of one real python3; also of a free-threaded build when one is on the PATH. */
export const pythonCpuThreads: Preset = {
  get scenario() {
    return scenarioOf();
  },
  async run(ctx) {
    const durationS = durationOf(ctx, 3);
    const trace = await runOnce(ctx, ID, { kind: 'python-thread', workload: 'cpu', workers: 2, durationS, python: 'python3' });
    const traces = [trace];
    // Share of the threads' time inferred as waiting for the GIL (futex sleep while the other ran; an inference).
    const extra: Record<string, number> = { inferredGilWaitShare: r(stateMs(trace, 'gil-wait') / Math.max(1, workerTasks(trace).length * activeWindowMs(trace))) };
    let nuance = 'The GIL is per interpreter: processes each have their own (python-cpu-processes).';
    const freeThreaded = (await discoverPythons()).find((p) => p.available && p.freeThreadedBuild && p.gilEnabled === false);
    if (freeThreaded) {
      const ft = await runOnce(ctx, ID, { kind: 'python-thread', workload: 'cpu', workers: 2, durationS, python: freeThreaded.name });
      traces.push(ft);
      extra.freeThreadedParallelism = r(activeParallelism(ft));
      nuance += ` Free-threaded ${freeThreaded.name} (${freeThreaded.version}, no GIL): ${activeParallelism(ft).toFixed(2)} cores.`;
    } else {
      nuance += ' No free-threaded build (python3.13t/3.14t) is on the PATH to show the no-GIL case.';
    }
    return { traces, verdict: judgeCpu(ID, CLAIM, trace, 'turns', extra, nuance) };
  },
};
