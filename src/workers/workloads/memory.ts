import type { WorkloadLimits } from './cpu';
import type { WorkloadEnv } from './workload-env';

export const MB = 1024 * 1024;
const PAGE = 4096;

/** Allocates `mb` MB and writes one byte per page so the pages are really resident. Units: MB touched. */
export function allocateAndTouch(mb: number, onMb?: (done: number) => void): Uint8Array[] {
  const blocks: Uint8Array[] = [];
  for (let i = 0; i < Math.ceil(mb); i++) {
    const size = Math.min(MB, Math.round((mb - i) * MB));
    const block = new Uint8Array(size);
    for (let p = 0; p < size; p += PAGE) block[p] = (p / PAGE + i) & 0xff;
    blocks.push(block);
    onMb?.(i + 1);
  }
  return blocks;
}

/** `memory`: allocate and touch N MB (phase compute), then hold it, waiting, until the run ends. */
export async function runMemory(env: WorkloadEnv, limits: WorkloadLimits, mb: number): Promise<{ units: number; held: Uint8Array[] }> {
  env.setPhase('compute');
  let units = 0;
  const held: Uint8Array[] = [];
  // Allocate in 1 MB steps with a yield every 16 MB so a stop arrives promptly.
  for (let done = 0; done < Math.ceil(mb) && !env.stopped(); ) {
    const step = Math.min(16, Math.ceil(mb) - done);
    held.push(...allocateAndTouch(Math.min(step, mb - done)));
    done += step;
    units = done;
    env.chunkDone(units);
    await env.yieldToLoop();
  }
  env.setPhase('waiting');
  while (!env.stopped() && (limits.untilMono === null || env.now() < limits.untilMono) && limits.workUnits === null) {
    await env.sleep(20);
  }
  return { units, held };
}
