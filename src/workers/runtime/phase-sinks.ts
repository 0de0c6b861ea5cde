import type { WorkerPhase } from '../../shared/worker-slot';
import { monoMs } from '../../node/clock';
import { writePhase } from '../../node/phase-slot';
import type { PhaseSink, WorkerTransport } from './transport';

/** Threads: Atomics stores into the Int32 slot the sampler reads (phase changes logged with their time); no message per chunk. */
export function slotPhaseSink(slot: Int32Array): PhaseSink {
  return {
    write(phase, core, units) {
      writePhase(slot, phase, core, units);
    },
  };
}

/** Processes: a `phase` message only when the phase or the core changes. */
export function messagePhaseSink(transport: WorkerTransport): PhaseSink {
  let lastPhase: WorkerPhase | null = null;
  let lastCore: number | null = null;
  return {
    write(phase, core) {
      if (phase === lastPhase && core === lastCore) return;
      lastPhase = phase;
      lastCore = core;
      transport.send({ type: 'phase', phase, core, atMono: monoMs() });
    },
  };
}
