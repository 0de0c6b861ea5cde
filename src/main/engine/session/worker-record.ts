import type { Disposer, WorkerKind } from '../../../shared';
import type { WorkerHandle } from '../kinds/kind-driver';
import { allocatePhaseSlot } from './phase-slot';

/** One worker as the session supervises it. */
export interface WorkerRecord {
  taskId: string;
  index: number;
  driverKind: WorkerKind;
  handle: WorkerHandle | null;
  phaseSlot: { buffer: SharedArrayBuffer; offset: number };
  requestedAtMono: number;
  /** Last message of any kind (heartbeats included): the watchdog's clock. */
  lastHeardMono: number;
  hello: boolean;
  unitsDone: number;
  lastHeapSampleMono: number;
  saidDone: boolean;
  reportedError: string | null;
  removed: boolean;
  killedAsHung: boolean;
  /** One of the run's initial workers (started by the spawn phase), not one added later. */
  initial: boolean;
  /** An initial worker that said hello during the spawn phase: its `start` waits for the phase's end (the watchdog leaves it be). */
  startHeld: boolean;
  gone: boolean;
  /** Resolves once the worker is gone. */
  exited: Promise<void>;
  markGone: () => void;
  /** Resolves once it said hello. */
  helloSeen: Promise<void>;
  /** Sets `hello` and resolves `helloSeen`. */
  markHello: () => void;
  disposers: Disposer[];
  /** Extra OS tasks it brought: key -> task id. */
  extraTasks: Map<string, string>;
}

export function newWorkerRecord(taskId: string, index: number, kind: WorkerKind, requestedAtMono: number): WorkerRecord {
  let resolveGone!: () => void;
  const exited = new Promise<void>((r) => (resolveGone = r));
  let resolveHello!: () => void;
  const helloSeen = new Promise<void>((r) => (resolveHello = r));
  const w: WorkerRecord = {
    taskId,
    index,
    driverKind: kind,
    handle: null,
    phaseSlot: allocatePhaseSlot(),
    requestedAtMono,
    lastHeardMono: requestedAtMono,
    hello: false,
    unitsDone: 0,
    lastHeapSampleMono: 0,
    saidDone: false,
    reportedError: null,
    removed: false,
    killedAsHung: false,
    initial: false,
    startHeld: false,
    gone: false,
    exited,
    markGone: () => {
      w.gone = true;
      resolveGone();
    },
    helloSeen,
    markHello: () => {
      w.hello = true;
      resolveHello();
    },
    disposers: [],
    extraTasks: new Map(),
  };
  return w;
}
