import { findRigEntry, spawnRig } from './rig-child';

export interface RaceResult {
  expected: number;
  counted: number;
  lost: number;
  ms: number;
}

/** Runs `threads` threads incrementing one shared counter `iterations` times each, all released at once. */
export async function raceOnce(threads: number, iterations: number, atomic: boolean, threadEntry?: string): Promise<RaceResult> {
  const entry = findRigEntry('race-counter', threadEntry);
  const buffer = new SharedArrayBuffer(8);
  const words = new Int32Array(buffer);
  const rigs = Array.from({ length: threads }, () => spawnRig('thread', entry, { buffer, iterations, atomic }));
  try {
    await Promise.all(rigs.map((l) => l.next((m) => m.type === 'ready')));
    const done = rigs.map((l) => l.next<{ ms: number }>((m) => m.type === 'done', 60_000));
    // Open the gate: every thread starts incrementing at the same moment.
    Atomics.store(words, 1, 1);
    Atomics.notify(words, 1);
    const times = await Promise.all(done);
    const expected = threads * iterations;
    const counted = Atomics.load(words, 0);
    return { expected, counted, lost: expected - counted, ms: Math.max(...times.map((t) => t.ms)) };
  } finally {
    await Promise.all(rigs.map((l) => l.kill()));
  }
}
