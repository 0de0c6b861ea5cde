import type { MachineLoad } from '../../shared';
import type { Preset } from './preset';
import { scenario } from './lib';
import { makeVerdict, num } from './lib/make-verdict';
import { repeatMeasured } from './lib/repeat';
import { BASELINE_ROOM, fmt, guard, median, type Judged } from './lib/stats';
import { raceOnce, type RaceResult } from './rigs/race-rig';

const ID = 'race-counter';
const CLAIM = 'Threads that share memory race: a plain read-modify-write counter loses updates; Atomics.add is exact but slower.';
const THREADS = 2;
const ITERATIONS = 5_000_000;
const TRIES = 5;

/**
 * Supported: the plain counter lost updates in some try and Atomics.add in
 * none. Atomics losing any is not supported. A plain counter that lost
 * nothing proves nothing when the threads could not run at the same time
 * (one core, or bare busy loops got no room): inconclusive.
 */
export function judgeRace(plain: RaceResult[], atomic: RaceResult[], machine: MachineLoad): Judged {
  const losing = plain.filter((p) => p.lost > 0).length;
  const worst = Math.max(0, ...plain.map((p) => p.lost / p.expected));
  const atomicLost = Math.max(0, ...atomic.map((a) => a.lost));
  const times = `Atomics.add took ${fmt(median(atomic.map((a) => a.ms)))} ms against ${fmt(median(plain.map((p) => p.ms)))} ms plain`;
  if (atomicLost > 0) return { status: 'not-supported', explanation: `Atomics.add lost ${atomicLost.toLocaleString('en')} updates, which it never should.` };
  if (losing > 0) {
    return { status: 'supported', explanation: `The plain counter lost updates in ${losing} of ${plain.length} tries (worst ${fmt(worst * 100)}% lost), Atomics.add none; ${times}.` };
  }
  const room = machine.baselineCores;
  if (machine.cores < 2 || (room !== null && room < BASELINE_ROOM * THREADS)) {
    return {
      status: 'inconclusive',
      explanation: `Inconclusive: the plain counter lost nothing, but ${machine.cores < 2 ? 'this machine has one core' : `2 bare busy loops got only ${fmt(room!)} cores`}, so the threads hardly ran at the same moment.`,
    };
  }
  return guard({ status: 'not-supported', explanation: `The plain counter lost no update in ${plain.length} tries although 2 threads had 2 cores; ${times}.` }, machine, { label: '', values: [] });
}

export const raceCounter: Preset = {
  scenario: { ...scenario(ID, 'Shared counter: plain vs Atomics', CLAIM, { kind: 'thread', workers: THREADS }), producesTrace: false },
  async run(ctx) {
    const iterations = ctx.durationS !== undefined && ctx.durationS < 1 ? 1_000_000 : ITERATIONS;
    const plain: RaceResult[] = [];
    const atomic: RaceResult[] = [];
    // One baseline before the tries: can two threads run at the same moment here, now?
    const rep = await repeatMeasured(
      ctx,
      async () => {
        for (let i = 0; i < TRIES; i++) {
          if (ctx.signal?.aborted) throw new Error('the preset was stopped');
          plain.push(await raceOnce(THREADS, iterations, false, ctx.threadEntry));
          atomic.push(await raceOnce(THREADS, iterations, true, ctx.threadEntry));
        }
      },
      { n: 1, baselineLoops: THREADS },
    );
    const expected = THREADS * iterations;
    const raw: Record<string, number> = { threads: THREADS, expected, tries: TRIES };
    plain.forEach((p, k) => Object.assign(raw, { [`plainLost.${k + 1}`]: p.lost, [`plainMs.${k + 1}`]: p.ms }));
    atomic.forEach((a, k) => Object.assign(raw, { [`atomicLost.${k + 1}`]: a.lost, [`atomicMs.${k + 1}`]: a.ms }));
    const medians = { plainCounted: median(plain.map((p) => p.counted)), plainMs: median(plain.map((p) => p.ms)), atomicMs: median(atomic.map((a) => a.ms)) };
    const verdict = makeVerdict({
      presetId: ID,
      claim: CLAIM,
      judged: judgeRace(plain, atomic, rep.machine),
      numbers: [
        num('expected', 'Increments made', expected, ''),
        num('plainTriesLosing', `Plain tries that lost updates (of ${TRIES})`, plain.filter((p) => p.lost > 0).length, ''),
        num('plainMaxLostPercent', 'Worst plain try lost', (100 * Math.max(...plain.map((p) => p.lost))) / expected, '%'),
        num('atomicMaxLost', 'Atomics.add lost (worst)', Math.max(...atomic.map((a) => a.lost)), ''),
        num('plainMs', 'Plain counter time (median)', medians.plainMs, 'ms'),
        num('atomicMs', 'Atomics.add time (median)', medians.atomicMs, 'ms'),
      ],
      charts: [
        {
          type: 'bars',
          title: 'Count each try ended with',
          unit: '',
          bars: [...plain.map((p, k) => ({ label: `plain ${k + 1}`, value: p.counted })), { label: 'Atomics (worst)', value: Math.min(...atomic.map((a) => a.counted)) }],
          reference: { label: 'expected', value: expected },
        },
      ],
      raw,
      machine: rep.machine,
      repeats: { n: TRIES, medians },
    });
    return { traces: [], verdict };
  },
};
