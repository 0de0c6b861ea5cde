import type { Preset } from './preset';
import { compareIo, ioSummary, ioSupported } from './lib/io-compare';
import { scenario } from './lib';

const ID = 'io-threads';
const CLAIM = 'For I/O-bound work threads are efficient: the same throughput as processes, cheaper to start.';

export const ioThreads: Preset = {
  scenario: scenario(ID, 'I/O-bound threads (vs processes)', CLAIM, { kind: 'thread', workload: 'io', workers: 4, durationS: 2 }),
  async run(ctx) {
    const { threads, processes, numbers } = await compareIo(ctx, ID);
    return { traces: [threads, processes], verdict: { presetId: ID, claim: CLAIM, supported: ioSupported(numbers), numbers, summary: ioSummary(numbers) } };
  },
};
