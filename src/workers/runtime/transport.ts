import type { FromWorker } from '../../shared/worker-protocol';

/** How a worker talks to the engine: a thread's parentPort, a fork's IPC, or Electron's parentPort. */
export interface WorkerTransport {
  send(message: FromWorker): void;
  onMessage(listener: (raw: unknown) => void): void;
  /** Ends the worker after the messages already sent are delivered. */
  finish(): void;
}

/** Where phase, core and units go: a thread's SharedArrayBuffer slot, or messages for a process. */
export interface PhaseSink {
  write(phase: import('../../shared/worker-protocol').WorkerPhase, core: number | null, units: number): void;
}
