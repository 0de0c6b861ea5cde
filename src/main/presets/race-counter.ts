import type { Preset } from './preset';
import { r, scenario } from './lib';
import { raceOnce, type RaceResult } from './rigs/race-rig';

const ID = 'race-counter';
const CLAIM = 'Threads that share memory race: a plain read-modify-write counter loses updates; Atomics.add is exact but slower.';
const THREADS = 2;
const ITERATIONS = 5_000_000;
const TRIES = 5;

export const raceCounter: Preset = {
  scenario: { ...scenario(ID, 'Shared counter: plain vs Atomics', CLAIM, { kind: 'thread', workers: THREADS }), producesTrace: false },
  async run(ctx) {
    const iterations = ctx.durationS !== undefined && ctx.durationS < 1 ? 1_000_000 : ITERATIONS;
    const plain: RaceResult[] = [];
    const atomic: RaceResult[] = [];
    for (let i = 0; i < TRIES; i++) {
      if (ctx.signal?.aborted) throw new Error('the preset was stopped');
      plain.push(await raceOnce(THREADS, iterations, false, ctx.threadEntry));
      atomic.push(await raceOnce(THREADS, iterations, true, ctx.threadEntry));
    }
    const lossy = plain.filter((p) => p.lost > 0);
    const atomicExact = atomic.every((a) => a.lost === 0);
    const worst = plain.reduce((a, b) => (b.lost > a.lost ? b : a));
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const numbers = {
      threads: THREADS,
      expected: worst.expected,
      tries: TRIES,
      plainTriesLosing: lossy.length,
      plainMaxLost: worst.lost,
      plainMaxLostPercent: r((100 * worst.lost) / worst.expected, 2),
      atomicMaxLost: Math.max(...atomic.map((a) => a.lost)),
      plainMs: r(mean(plain.map((p) => p.ms)), 2),
      atomicMs: r(mean(atomic.map((a) => a.ms)), 2),
    };
    const supported = lossy.length > 0 && atomicExact;
    const summary =
      `${THREADS} threads x ${iterations.toLocaleString('en')} increments: the plain counter lost updates in ${lossy.length} of ${TRIES} tries ` +
      `(worst: ${worst.lost.toLocaleString('en')} lost, ${numbers.plainMaxLostPercent}%); Atomics.add was exact every time and took ` +
      `${numbers.atomicMs} ms vs ${numbers.plainMs} ms.`;
    return { traces: [], verdict: { presetId: ID, claim: CLAIM, supported, numbers, summary } };
  },
};
