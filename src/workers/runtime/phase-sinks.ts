import { PHASE_CODE, PHASE_SLOT, type WorkerPhase } from '../../shared/worker-protocol';
import { monoMs } from '../../node/clock';
import type { PhaseSink, WorkerTransport } from './transport';

/** Threads: Atomics stores into the Int32 slot the sampler reads; no message per chunk. */
export function slotPhaseSink(slot: Int32Array): PhaseSink {
  return {
    write(phase, core, units) {
      Atomics.store(slot, PHASE_SLOT.core, core ?? -1);
      Atomics.store(slot, PHASE_SLOT.units, units & 0x7fffffff);
      Atomics.store(slot, PHASE_SLOT.phase, PHASE_CODE[phase]);
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
