import { build, type Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain .mjs script without types
import { CLI_BUILD_OPTIONS, CLI_ENTRY_POINTS } from '../../../scripts/cli-bundle.mjs';

/**
 * Every workload worker and rig is started per task, so what its bundle loads is
 * paid per isolate, in spawn time and RSS. They take no package from
 * node_modules (zod alone was 750 kB of a 778 kB thread bundle: the engine
 * validates what workers send, workers read orders with worker-orders.ts).
 * The sampler (one per run) is held to the same: it checks its init and the
 * engine's orders with sampler-orders.ts, and the engine validates with zod
 * what it sends.
 */
const PER_TASK = Object.entries(CLI_ENTRY_POINTS as Record<string, string>).filter(([name]) => name.startsWith('workers/') && name !== 'workers/sampler');

/** The bundle's inputs and size, built in memory exactly as scripts/build-cli.mjs builds it. */
async function bundle(name: string, entry: { file: string } | { contents: string }): Promise<{ inputs: string[]; bytes: number }> {
  const source = 'file' in entry ? { entryPoints: { [name]: entry.file } } : { stdin: { contents: entry.contents, resolveDir: process.cwd(), loader: 'ts' as const } };
  const result = await build({ ...CLI_BUILD_OPTIONS, ...source, outdir: 'out/bundle-test', write: false, metafile: true, logLevel: 'silent' });
  const output = Object.values((result.metafile as Metafile).outputs).find((o) => !('file' in entry) || o.entryPoint);
  return { inputs: Object.keys(output!.inputs), bytes: output!.bytes };
}

/** What one small zod schema costs in a bundle: the yardstick for "light". */
const ZOD_ALONE = "import { z } from 'zod'; export const order = z.object({ type: z.literal('stop') });";
let zodAlone: ReturnType<typeof bundle> | undefined;

describe('per-task worker bundles', () => {
  it('covers the workload entries and the rigs', () => {
    expect(PER_TASK.map(([name]) => name)).toEqual(expect.arrayContaining(['workers/thread', 'workers/process', 'workers/gil-thread', 'workers/rigs/task-worker']));
  });

  it.each(PER_TASK)('%s loads nothing from node_modules (no zod) and stays a small fraction of zod alone', async (name, file) => {
    const [worker, zod] = await Promise.all([bundle(name, { file }), (zodAlone ??= bundle('zod-alone', { contents: ZOD_ALONE }))]);
    expect(worker.inputs.filter((i) => i.includes('node_modules'))).toEqual([]);
    // A worker that pulled zod (or any module of its size) back in would be at least zod's size.
    expect(worker.bytes).toBeLessThan(zod.bytes / 10);
  });
});

describe('the sampler bundle', () => {
  it('loads nothing from node_modules (no zod) and stays a small fraction of zod alone', async () => {
    const file = (CLI_ENTRY_POINTS as Record<string, string>)['workers/sampler'];
    expect(file).toBeDefined();
    const [sampler, zod] = await Promise.all([bundle('workers/sampler', { file: file! }), (zodAlone ??= bundle('zod-alone', { contents: ZOD_ALONE }))]);
    expect(sampler.inputs.filter((i) => i.includes('node_modules'))).toEqual([]);
    // It reads /proc and perf rings (its own code is ~70 kB): well under a quarter of zod alone, which was most of its 1.1 MB.
    expect(sampler.bytes).toBeLessThan(zod.bytes / 4);
  });
});
