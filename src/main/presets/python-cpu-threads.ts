import type { Preset } from './preset';
import { measureTurns } from './lib/cpu-preset';
import { activeParallelism, activeWindowMs, durationOf, pythonScenario, runOnce, stateMs, workerTasks } from './lib';
import { discoverPythons } from '../python/discover';

const ID = 'python-cpu-threads';
const CLAIM = 'In CPython with a GIL, CPU-bound threads take turns: concurrent, not parallel.';
const PARAMS = { kind: 'python-thread', workload: 'cpu', workers: 2, python: 'python3' } as const;
const scenarioOf = pythonScenario(ID, 'Real CPython: 2 CPU-bound threads', CLAIM, { ...PARAMS, durationS: 1 });

/**
 * Two CPU-bound threads of one real python3, against 2 processes of the same
 * python3 (one GIL each) in the same repeats; a free-threaded build, when one
 * is on the PATH, is measured once more and reported.
 */
export const pythonCpuThreads: Preset = {
  get scenario() {
    return scenarioOf();
  },
  async run(ctx) {
    const result = await measureTurns(ctx, ID, CLAIM, { what: '2 CPython threads', contrastWhat: '2 CPython processes' }, PARAMS, 'python-process', (trace) => ({
      // Share of the threads' time inferred as waiting for the GIL (futex sleep while the other ran; an inference).
      inferredGilWaitShare: stateMs(trace, 'gil-wait') / Math.max(1, workerTasks(trace).length * activeWindowMs(trace)),
    }));
    const freeThreaded = (await discoverPythons()).find((p) => p.available && p.freeThreadedBuild && p.gilEnabled === false);
    if (!freeThreaded) return result;
    const ft = await runOnce(ctx, ID, { ...PARAMS, python: freeThreaded.name, durationS: durationOf(ctx, 1) });
    return { traces: [...result.traces, ft], verdict: { ...result.verdict, raw: { ...result.verdict.raw, freeThreadedParallelism: activeParallelism(ft) } } };
  },
};
