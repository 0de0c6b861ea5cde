import type { MachineLoad } from '../../shared';
import type { Preset } from './preset';
import { scenario } from './lib';
import { makeVerdict, num } from './lib/make-verdict';
import { repeatMeasured } from './lib/repeat';
import { disagree, fmt, guard, type Judged } from './lib/stats';
import { MESSAGE_PATHS, measureMessageCost, type PathCost } from './rigs/message-rig';

const ID = 'message-cost';
const CLAIM = 'Threads communicate fast, processes slower: the cost of crossing the boundary grows with the payload.';
const KB = 1024;
const MB = 1024 * 1024;
export const MESSAGE_SIZES = [KB, 64 * KB, MB, 16 * MB, 64 * MB];
const QUICK_SIZES = [KB, 64 * KB, MB];

export function sizeLabel(bytes: number): string {
  return bytes >= MB ? `${bytes / MB}MB` : `${bytes / KB}KB`;
}

/** The table as raw verdict numbers: "<path>.<size>.us", ".MBps", ".faults", ".systemMs". */
export function costNumbers(costs: PathCost[]): Record<string, number> {
  const n: Record<string, number> = {};
  for (const c of costs) {
    const at = `${c.path}.${sizeLabel(c.bytes)}`;
    n[`${at}.us`] = Math.round(c.latencyUs * 10) / 10;
    n[`${at}.MBps`] = Math.round(c.mbPerS * 10) / 10;
    if (c.faults !== null) n[`${at}.faults`] = c.faults;
    if (c.systemMs !== null) n[`${at}.systemMs`] = Math.round(c.systemMs * 100) / 100;
  }
  return n;
}

const at = (costs: PathCost[], path: string, bytes: number) => costs.find((c) => c.path === path && c.bytes === bytes);

/**
 * Supported when, for every payload of 1 MB and more, a copy to a process is
 * slower than a clone to a thread, and a transfer or the shared buffer beats
 * the clone; partly when only the first holds. Each send's pair (process vs
 * clone, same repeat index) must agree, or the verdict is inconclusive.
 */
export function judgeMessageCost(costs: PathCost[], sizes: number[], machine: MachineLoad): Judged {
  const big = sizes.filter((s) => s >= MB);
  const lat = (p: string, b: number) => at(costs, p, b)?.latencyUs ?? NaN;
  const notSlower = big.filter((b) => !(lat('process', b) > lat('clone', b)));
  const processSlower = notSlower.length === 0;
  const zeroCopyWins = big.every((b) => Math.min(lat('transfer', b), lat('shared', b)) < lat('clone', b));
  const largest = sizes.at(-1)!;
  const clone = at(costs, 'clone', largest);
  const ms = (p: string, b = largest) => `${fmt(lat(p, b) / 1000)} ms`;
  const faults =
    clone?.faults && clone.faults > 0 && clone.systemMs !== null
      ? `; the clone touched ${Math.round(clone.faults).toLocaleString('en')} fresh pages (minor page faults) per send, ${fmt(clone.systemMs)} ms of kernel time`
      : '';
  const table = `at ${sizeLabel(largest)} a clone to a thread took ${ms('clone')}, a transfer ${ms('transfer')}, the shared buffer ${ms('shared')} and a copy to a process ${ms('process')}${faults}`;
  const where = notSlower.map((b) => `at ${sizeLabel(b)} a copy to a process took ${ms('process', b)} and a clone ${ms('clone', b)}`).join(', ');
  const judged: Judged =
    processSlower && zeroCopyWins
      ? { status: 'supported', explanation: `Processes were slower: ${table}.` }
      : processSlower
        ? { status: 'partly', explanation: `Processes were slower, but zero-copy did not always win: ${table}.` }
        : { status: 'not-supported', explanation: `A process was not slower than a thread: ${where}.` };
  // Every size of 1 MB and more must agree with itself send by send: the least steady one decides whether a median can be trusted.
  const steadiness = big.map((b) => {
    const pc = at(costs, 'process', b)?.samplesUs ?? [];
    const cc = at(costs, 'clone', b)?.samplesUs ?? [];
    return { label: `process / clone at ${sizeLabel(b)}`, values: pc.map((p, k) => p / (cc[k] ?? NaN)), threshold: 1 };
  });
  // A size whose sends fall on both sides of 1 makes it inconclusive; when none does, every size agreed.
  const unsteady = steadiness.find((d) => disagree(d.values, d.threshold)) ?? { label: '', values: [] };
  return guard(judged, machine, unsteady);
}

export const messageCost: Preset = {
  scenario: { ...scenario(ID, 'Message cost: clone, transfer, shared buffer, process (1 KB-64 MB)', CLAIM, { kind: 'thread', workers: 1 }), producesTrace: false },
  async run(ctx) {
    const sizes = ctx.durationS !== undefined && ctx.durationS < 1 ? QUICK_SIZES : MESSAGE_SIZES;
    // One pass: each size is already sent many times (medians of 4-200 sends).
    const rep = await repeatMeasured(ctx, () => measureMessageCost(sizes, ctx, () => ctx.signal?.aborted ?? false), { n: 1 });
    const costs = rep.results[0]!;
    const largest = sizes.at(-1)!;
    const c = (p: string) => at(costs, p, largest);
    const clone = c('clone');
    const verdict = makeVerdict({
      presetId: ID,
      claim: CLAIM,
      judged: judgeMessageCost(costs, sizes, rep.machine),
      numbers: [
        num('cloneUs', `Clone to a thread, ${sizeLabel(largest)}`, c('clone')?.latencyUs ?? NaN, 'us'),
        num('processUs', `Copy to a process, ${sizeLabel(largest)}`, c('process')?.latencyUs ?? NaN, 'us'),
        num('transferUs', `Transfer, ${sizeLabel(largest)}`, c('transfer')?.latencyUs ?? NaN, 'us'),
        num('sharedUs', `Shared buffer, ${sizeLabel(largest)}`, c('shared')?.latencyUs ?? NaN, 'us'),
        num('cloneFaults', `Page faults per clone, ${sizeLabel(largest)}`, clone?.faults ?? NaN, ''),
        num('cloneSystemMs', `Kernel time per clone, ${sizeLabel(largest)}`, clone?.systemMs ?? NaN, 'ms'),
      ],
      charts: [
        {
          type: 'lines',
          title: 'One-way latency against payload (median)',
          x: { label: 'payload', unit: 'bytes', log: true },
          y: { label: 'latency', unit: 'us', log: true },
          series: MESSAGE_PATHS.map((path) => ({
            name: path === 'process' ? 'copy to a process' : path === 'shared' ? 'shared buffer' : path === 'clone' ? 'clone to a thread' : 'transfer to a thread',
            points: costs.filter((x) => x.path === path && x.latencyUs > 0).map((x) => ({ x: x.bytes, y: x.latencyUs })),
          })),
        },
      ],
      raw: costNumbers(costs),
      machine: rep.machine,
      repeats: { n: Math.min(...costs.map((x) => x.reps)), medians: Object.fromEntries(costs.map((x) => [`${x.path}.${sizeLabel(x.bytes)}.us`, x.latencyUs])) },
    });
    return { traces: [], verdict };
  },
};
