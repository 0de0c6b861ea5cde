import type { Preset } from './preset';
import { compareIo, ioSummary, ioSupported } from './lib/io-compare';
import { scenario } from './lib';

const ID = 'io-processes';
const CLAIM = 'For I/O-bound work processes add overhead: slower to spawn and more memory, for no more throughput.';

export const ioProcesses: Preset = {
  scenario: scenario(ID, 'I/O-bound processes (vs threads)', CLAIM, { kind: 'process', workload: 'io', workers: 4, durationS: 2 }),
  async run(ctx) {
    const { threads, processes, numbers } = await compareIo(ctx, ID);
    return { traces: [processes, threads], verdict: { presetId: ID, claim: CLAIM, supported: ioSupported(numbers), numbers, summary: ioSummary(numbers) } };
  },
};
