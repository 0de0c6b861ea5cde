import type { Preset } from './preset';
import { r, scenario } from './lib';
import { measureMessageCost, type PathCost } from './rigs/message-rig';

const ID = 'message-cost';
const CLAIM = 'Threads communicate fast, processes slower: the cost of crossing the boundary grows with the payload.';
const KB = 1024;
const MB = 1024 * 1024;
export const MESSAGE_SIZES = [KB, 64 * KB, MB, 16 * MB, 64 * MB];
const QUICK_SIZES = [KB, 64 * KB, MB];

export function sizeLabel(bytes: number): string {
  return bytes >= MB ? `${bytes / MB}MB` : `${bytes / KB}KB`;
}

/** The table as verdict numbers: "<path>.<size>.us" and "<path>.<size>.MBps". */
export function costNumbers(costs: PathCost[]): Record<string, number> {
  const n: Record<string, number> = {};
  for (const c of costs) {
    n[`${c.path}.${sizeLabel(c.bytes)}.us`] = r(c.latencyUs, 1);
    n[`${c.path}.${sizeLabel(c.bytes)}.MBps`] = r(c.mbPerS, 1);
  }
  return n;
}

export const messageCost: Preset = {
  scenario: { ...scenario(ID, 'Message cost: clone, transfer, shared buffer, process (1 KB-64 MB)', CLAIM, { kind: 'thread', workers: 1 }), producesTrace: false },
  async run(ctx) {
    const sizes = ctx.durationS !== undefined && ctx.durationS < 1 ? QUICK_SIZES : MESSAGE_SIZES;
    const costs = await measureMessageCost(sizes, ctx.threadEntry, () => ctx.signal?.aborted ?? false);
    const at = (path: string, bytes: number) => costs.find((c) => c.path === path && c.bytes === bytes)?.latencyUs ?? NaN;
    const big = sizes.filter((s) => s >= MB);
    // Supported when, for payloads of 1 MB and more, a process is slower than a thread clone,
    // and a transfer or the shared buffer beats copying.
    const processSlower = big.every((b) => at('process', b) > at('clone', b));
    const zeroCopyWins = big.every((b) => Math.min(at('transfer', b), at('shared', b)) < at('clone', b));
    const largest = sizes.at(-1)!;
    const summary =
      `At ${sizeLabel(largest)}: clone ${(at('clone', largest) / 1000).toFixed(2)} ms, transfer ${(at('transfer', largest) / 1000).toFixed(2)} ms, ` +
      `shared buffer (write + signal) ${(at('shared', largest) / 1000).toFixed(2)} ms, to a process ${(at('process', largest) / 1000).toFixed(2)} ms. ` +
      `At ${sizeLabel(sizes[0]!)} every path costs tens of microseconds: the fixed cost of a message dominates.`;
    return {
      traces: [],
      verdict: { presetId: ID, claim: CLAIM, supported: processSlower && zeroCopyWins ? true : processSlower ? 'partly' : false, numbers: costNumbers(costs), summary },
    };
  },
};
