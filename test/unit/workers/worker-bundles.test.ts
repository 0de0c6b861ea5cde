import { build, type Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain .mjs script without types
import { CLI_BUILD_OPTIONS, CLI_ENTRY_POINTS } from '../../../scripts/cli-bundle.mjs';

/**
 * Every workload worker and rig is started per task, so what its bundle loads is
 * paid per isolate, in spawn time and RSS. They take no package from
 * node_modules (zod alone was 750 kB of a 778 kB thread bundle: the engine
 * validates what workers send, workers read orders with worker-orders.ts).
 * The sampler (one per run) is left out: it validates its init with zod.
 */
const PER_TASK = Object.entries(CLI_ENTRY_POINTS as Record<string, string>).filter(([name]) => name.startsWith('workers/') && name !== 'workers/sampler');

/** The bundle's inputs and size, built in memory exactly as scripts/build-cli.mjs builds it. */
async function bundle(name: string, file: string): Promise<{ inputs: string[]; bytes: number }> {
  const result = await build({ ...CLI_BUILD_OPTIONS, entryPoints: { [name]: file }, outdir: 'out/bundle-test', write: false, metafile: true, logLevel: 'silent' });
  const outputs = Object.values((result.metafile as Metafile).outputs).filter((o) => o.entryPoint);
  return { inputs: Object.keys(outputs[0]!.inputs), bytes: outputs[0]!.bytes };
}

describe('per-task worker bundles', () => {
  it('covers the workload entries and the rigs', () => {
    expect(PER_TASK.map(([name]) => name)).toEqual(expect.arrayContaining(['workers/thread', 'workers/process', 'workers/gil-thread', 'workers/rigs/task-worker']));
  });

  it.each(PER_TASK)('%s loads nothing from node_modules (no zod) and stays a small fraction of the sampler bundle', async (name, file) => {
    const [worker, sampler] = await Promise.all([bundle(name, file), bundle('workers/sampler', CLI_ENTRY_POINTS['workers/sampler'] as string)]);
    expect(worker.inputs.filter((i) => i.includes('node_modules'))).toEqual([]);
    // The sampler carries zod; a worker that pulled zod (or any big module) back in would be a sizeable share of it.
    expect(worker.bytes).toBeLessThan(sampler.bytes / 10);
  });
});
