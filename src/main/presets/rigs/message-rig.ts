import { monoMs } from '../../../node/clock';
import { createEchoSab, sabSlots, SAB_WORD } from '../../../node/echo-sab';
import { findRigEntry, spawnRig, type RigChild } from './rig-child';

export type MessagePath = 'clone' | 'transfer' | 'shared' | 'process';
export const MESSAGE_PATHS: MessagePath[] = ['clone', 'transfer', 'shared', 'process'];

export interface PathCost {
  path: MessagePath;
  bytes: number;
  reps: number;
  /** Median one-way latency: send call to the receiver's first instruction with the data, microseconds. */
  latencyUs: number;
  mbPerS: number;
}

/** Fewer repetitions for big payloads, so 64 MB stays a few seconds. */
export function repsFor(bytes: number): number {
  return bytes <= 64 * 1024 ? 200 : bytes <= 1024 * 1024 ? 40 : bytes <= 16 * 1024 * 1024 ? 8 : 4;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1] ?? 0;

function fill(bytes: number): Uint8Array {
  const a = new Uint8Array(bytes);
  for (let i = 0; i < bytes; i += 4096) a[i] = i & 0xff;
  return a;
}

async function viaMessages(rig: RigChild, path: 'clone' | 'transfer' | 'process', bytes: number, reps: number): Promise<number[]> {
  const lat: number[] = [];
  const reused = fill(bytes);
  for (let seq = 0; seq < reps; seq++) {
    // A transfer moves the buffer, so each send needs its own (made before the clock starts).
    const payload = path === 'transfer' ? fill(bytes) : reused;
    const got = rig.next<{ atMono: number }>((m) => m.type === 'got' && m.seq === seq, 60_000);
    const t0 = monoMs();
    rig.send({ seq, payload }, path === 'transfer' ? [payload.buffer as ArrayBuffer] : undefined);
    lat.push((await got).atMono - t0);
  }
  return lat;
}

async function viaShared(entry: string, bytes: number, reps: number): Promise<number[]> {
  const sab = createEchoSab(bytes);
  const { words, stamp, data } = sabSlots(sab);
  const rig = spawnRig('thread', entry, { sab });
  try {
    await rig.next((m) => m.type === 'ready');
    const src = fill(bytes);
    const lat: number[] = [];
    for (let seq = 1; seq <= reps; seq++) {
      const t0 = monoMs();
      // "Sending" through shared memory = writing the bytes there + one signal; the reader reads in place.
      data.set(src);
      Atomics.store(words, SAB_WORD.length, bytes);
      Atomics.store(words, SAB_WORD.seq, seq);
      Atomics.notify(words, SAB_WORD.seq);
      // Node's main thread may block: wait for the receiver's acknowledgement.
      while (Atomics.load(words, SAB_WORD.ack) !== seq) Atomics.wait(words, SAB_WORD.ack, seq - 1, 1000);
      lat.push(stamp[0]! - t0);
    }
    Atomics.store(words, SAB_WORD.seq, -1);
    Atomics.notify(words, SAB_WORD.seq);
    return lat;
  } finally {
    await rig.kill();
  }
}

/** Measures every path at every size; the receiver stamps arrival on the shared monotonic clock. */
export async function measureMessageCost(sizes: number[], threadEntry?: string, aborted: () => boolean = () => false): Promise<PathCost[]> {
  const entry = findRigEntry('echo', threadEntry);
  const thread = spawnRig('thread', entry);
  const proc = spawnRig('process', entry);
  const out: PathCost[] = [];
  try {
    await Promise.all([thread.next((m) => m.type === 'ready'), proc.next((m) => m.type === 'ready')]);
    for (const bytes of sizes) {
      for (const path of MESSAGE_PATHS) {
        if (aborted()) throw new Error('the preset was stopped');
        const reps = repsFor(bytes);
        const lat =
          path === 'shared' ? await viaShared(entry, bytes, reps) : await viaMessages(path === 'process' ? proc : thread, path, bytes, reps);
        const us = median(lat) * 1000;
        out.push({ path, bytes, reps, latencyUs: us, mbPerS: us > 0 ? bytes / 2 ** 20 / (us / 1e6) : 0 });
      }
    }
    return out;
  } finally {
    await Promise.all([thread.kill(), proc.kill()]);
  }
}
