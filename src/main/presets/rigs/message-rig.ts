import { monoMs } from '../../../node/clock';
import { createEchoSab, sabSlots, SAB_WORD } from '../../../node/echo-sab';
import { findRigEntry, spawnRigProcess, spawnRigThread, type RigChild, type RigContext } from './rig-child';

export type MessagePath = 'clone' | 'transfer' | 'shared' | 'process';
export const MESSAGE_PATHS: MessagePath[] = ['clone', 'transfer', 'shared', 'process'];

export interface PathCost {
  path: MessagePath;
  bytes: number;
  reps: number;
  /** Median one-way latency: send call to the receiver's first instruction with the data, microseconds. */
  latencyUs: number;
  mbPerS: number;
  /** Every send's latency, microseconds, in order. */
  samplesUs: number[];
  /** Median minor page faults per send, sender and receiver together (fresh pages touched); null where the OS does not count them. */
  faults: number | null;
  /** Median kernel (system) CPU time per send, sender and receiver together, ms. */
  systemMs: number | null;
}

/** What the process counts of itself: minor faults and system CPU ms so far. */
export interface SelfCounters {
  faults: number;
  systemMs: number;
}

export function selfCounters(): SelfCounters {
  const u = process.resourceUsage();
  return { faults: u.minorPageFault, systemMs: u.systemCPUTime / 1000 };
}

/** Fewer repetitions for big payloads, so 64 MB stays a few seconds. */
export function repsFor(bytes: number): number {
  return bytes <= 64 * 1024 ? 200 : bytes <= 1024 * 1024 ? 40 : bytes <= 16 * 1024 * 1024 ? 8 : 4;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1] ?? 0;

interface SendSample {
  ms: number;
  faults: number | null;
  systemMs: number | null;
}

function fill(bytes: number): Uint8Array {
  const a = new Uint8Array(bytes);
  for (let i = 0; i < bytes; i += 4096) a[i] = i & 0xff;
  return a;
}

/**
 * Sends as user code does: a fresh payload each time (made, and its pages
 * touched, before the clock starts). A clone or a copy to a process then
 * lands in fresh memory on the other side, whose first touches are page
 * faults; they are counted on both sides (the thread shares this process's
 * counters; the process reports its own with each arrival).
 */
async function viaMessages(rig: RigChild, path: 'clone' | 'transfer' | 'process', bytes: number, reps: number): Promise<SendSample[]> {
  const out: SendSample[] = [];
  for (let seq = 0; seq < reps; seq++) {
    const payload = fill(bytes);
    const got = rig.next<{ atMono: number; faults?: number; systemMs?: number; prevFaults?: number; prevSystemMs?: number }>((m) => m.type === 'got' && m.seq === seq, 60_000);
    const before = selfCounters();
    const t0 = monoMs();
    rig.send({ seq, payload }, path === 'transfer' ? [payload.buffer as ArrayBuffer] : undefined);
    const arrived = await got;
    const after = selfCounters();
    let faults = after.faults - before.faults;
    let systemMs = after.systemMs - before.systemMs;
    if (path === 'process') {
      // The child's own counters from its previous answer to this arrival.
      const theirs = typeof arrived.faults === 'number' && typeof arrived.prevFaults === 'number';
      faults = theirs ? faults + arrived.faults! - arrived.prevFaults! : NaN;
      systemMs = theirs ? systemMs + arrived.systemMs! - arrived.prevSystemMs! : NaN;
    }
    out.push({ ms: arrived.atMono - t0, faults: Number.isFinite(faults) ? faults : null, systemMs: Number.isFinite(systemMs) ? systemMs : null });
  }
  return out;
}

async function viaShared(entry: string, bytes: number, reps: number): Promise<SendSample[]> {
  const sab = createEchoSab(bytes);
  const { words, stamp, data } = sabSlots(sab);
  const rig = spawnRigThread(entry, { sab });
  try {
    await rig.next((m) => m.type === 'ready');
    const src = fill(bytes);
    const lat: SendSample[] = [];
    for (let seq = 1; seq <= reps; seq++) {
      const before = selfCounters();
      const t0 = monoMs();
      // "Sending" through shared memory = writing the bytes there + one signal; the reader reads in place.
      data.set(src);
      Atomics.store(words, SAB_WORD.length, bytes);
      Atomics.store(words, SAB_WORD.seq, seq);
      Atomics.notify(words, SAB_WORD.seq);
      // Node's main thread may block: wait for the receiver's acknowledgement.
      while (Atomics.load(words, SAB_WORD.ack) !== seq) Atomics.wait(words, SAB_WORD.ack, seq - 1, 1000);
      const after = selfCounters();
      lat.push({ ms: stamp[0]! - t0, faults: after.faults - before.faults, systemMs: after.systemMs - before.systemMs });
    }
    Atomics.store(words, SAB_WORD.seq, -1);
    Atomics.notify(words, SAB_WORD.seq);
    return lat;
  } finally {
    await rig.kill();
  }
}

/** Measures every path at every size; the receiver stamps arrival on the shared monotonic clock. */
export async function measureMessageCost(sizes: number[], rigs: RigContext, aborted: () => boolean = () => false): Promise<PathCost[]> {
  const entry = findRigEntry('echo', rigs.threadEntry);
  const thread = spawnRigThread(entry);
  const proc = spawnRigProcess(entry, rigs.launcher);
  const out: PathCost[] = [];
  try {
    await Promise.all([thread.next((m) => m.type === 'ready'), proc.next((m) => m.type === 'ready')]);
    for (const bytes of sizes) {
      for (const path of MESSAGE_PATHS) {
        if (aborted()) throw new Error('the preset was stopped');
        const reps = repsFor(bytes);
        const sends =
          path === 'shared' ? await viaShared(entry, bytes, reps) : await viaMessages(path === 'process' ? proc : thread, path, bytes, reps);
        out.push(costOf(path, bytes, sends));
      }
    }
    return out;
  } finally {
    await Promise.all([thread.kill(), proc.kill()]);
  }
}

function costOf(path: MessagePath, bytes: number, sends: SendSample[]): PathCost {
  const us = median(sends.map((x) => x.ms)) * 1000;
  const known = <K extends 'faults' | 'systemMs'>(k: K) => (sends.every((x) => x[k] !== null) ? median(sends.map((x) => x[k]!)) : null);
  return { path, bytes, reps: sends.length, latencyUs: us, mbPerS: us > 0 ? bytes / 2 ** 20 / (us / 1e6) : 0, samplesUs: sends.map((x) => x.ms * 1000), faults: known('faults'), systemMs: known('systemMs') };
}
