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
  /** May return a promise (e.g. to let messages in); it is awaited holding the GIL. */
  onUnit: (unitsDone: number) => void | Promise<void>;
  /** Called on phase changes only. */
  /** Simulated I/O: resolves after ms without holding the GIL. */
  sleep: (ms: number) => Promise<void>;
  onPhase: (phase: 'compute' | 'io') => void;
  ioMs?: number;
}

/**
 * The body of a gil-thread: every slice of CPU work runs holding the GIL and
 * each slice boundary is where a drop request is honoured; I/O runs without
 * it. Returns the units done.
 */
export async function runGilLoop(o: GilLoopOptions): Promise<number> {
  let units = 0;
  let seed = o.gil.index * 7919;
  const ioMs = o.ioMs ?? 5;
  let phase: 'compute' | 'io' | null = null;
  const setPhase = (p: 'compute' | 'io') => {
    if (p !== phase) o.onPhase((phase = p));
  };
  o.gil.acquire();
  try {
    while (!o.shouldStop() && (o.maxUnits === null || units < o.maxUnits)) {
      if (o.workload !== 'io') {
        setPhase('compute');
        const slices = o.workload === 'mixed' ? Math.max(1, o.slicesPerUnit >> 1) : o.slicesPerUnit;
        for (let s = 0; s < slices; s++) {
          seed = cpuSlice(seed);
          o.gil.yieldIfRequested();
        }
      }
      if (o.workload !== 'cpu') {
        setPhase('io');
        await o.gil.withoutGil(() => o.sleep(ioMs));
      }
      units++;
      const p = o.onUnit(units);
      if (p) await p;
    }
  } finally {
    o.gil.release();
  }
  // Keep the result observable so the work cannot be optimised away.
  if (seed === 42) void o.onUnit(units);
  return units;
}
