import { IO_SLEEP_MS } from '../workloads/io';
import { MIXED_COMPUTE_MS } from '../workloads/mixed';
import { cpuSlice } from './cpu-slice';
import type { GilThread } from './gil';

export interface GilLoopOptions {
  gil: GilThread;
  workload: 'cpu' | 'io' | 'mixed';
  /** Slices per unit of work (a unit is what progress counts). */
  slicesPerUnit: number;
  /** Stop after this many units; null = until shouldStop(). */
  maxUnits: number | null;
  shouldStop: () => boolean;
  /** Called after every unit (synchronously: keep it cheap). */
  onUnit: (unitsDone: number) => void;
  /** Lets messages (stop) in between bursts of computation; the GIL stays held across it. */
  yieldToLoop: () => Promise<void>;
  /** Simulated I/O: resolves after ms; the GIL is dropped around it. */
  sleep: (ms: number) => Promise<void>;
  /** Called on phase changes only. */
  onPhase: (phase: 'compute' | 'io') => void;
  now: () => number;
  ioMs?: number;
  /** How long a burst of computation runs before yielding to the event loop. */
  burstMs?: number;
}

/**
 * One unit: `slices` slices, each ending at a slice boundary where a drop
 * request is honoured.
 */
export function gilUnit(gil: GilThread, seed: number, slices: number): number {
  for (let s = 0; s < slices; s++) {
    seed = cpuSlice(seed);
    gil.yieldIfRequested();
  }
  return seed;
}

interface LoopState {
  units: number;
  seed: number;
}

/**
 * Computes units for about burstMs (or until a limit) in a plain synchronous
 * function: the same loop inside the async body ran 2x slower here (V8 keeps
 * values that live across an await in the generator's context).
 */
export function computeBurst(o: GilLoopOptions, st: LoopState, slices: number, burstMs: number, oneUnit: boolean): void {
  const end = o.now() + burstMs;
  do {
    st.seed = gilUnit(o.gil, st.seed, slices);
    st.units++;
    o.onUnit(st.units);
  } while (!oneUnit && o.now() < end && !o.shouldStop() && (o.maxUnits === null || st.units < o.maxUnits));
}

/**
 * The body of a gil-thread: every slice of CPU work runs holding the GIL and
 * each slice boundary is where a drop request is honoured; I/O runs without
 * it. Returns the units done.
 */
export async function runGilLoop(o: GilLoopOptions): Promise<number> {
  const st: LoopState = { units: 0, seed: o.gil.index * 7919 };
  const ioMs = o.ioMs ?? 5;
  const burstMs = o.burstMs ?? 20;
  let phase: 'compute' | 'io' | null = null;
  const setPhase = (p: 'compute' | 'io') => {
    if (p !== phase) o.onPhase((phase = p));
  };
  const more = () => !o.shouldStop() && (o.maxUnits === null || st.units < o.maxUnits);
  o.gil.acquire();
  try {
    while (more()) {
      if (o.workload === 'cpu') {
        setPhase('compute');
        computeBurst(o, st, o.slicesPerUnit, burstMs, false);
        await o.yieldToLoop();
        continue;
      }
      if (o.workload === 'mixed') {
        // The same pattern as workloads/mixed.ts for every kind: ~MIXED_COMPUTE_MS of CPU units,
        // then one I/O wait of IO_SLEEP_MS (without the GIL); the I/O step counts as a unit too.
        setPhase('compute');
        computeBurst(o, st, o.slicesPerUnit, MIXED_COMPUTE_MS, false);
        if (!more()) break;
      }
      setPhase('io');
      await o.gil.withoutGil(() => o.sleep(o.workload === 'mixed' ? IO_SLEEP_MS : ioMs));
      st.units++;
      o.onUnit(st.units);
    }
  } finally {
    o.gil.release();
  }
  // Keep the result observable so the work cannot be optimised away.
  if (st.seed === 42) o.onUnit(st.units);
  return st.units;
}
