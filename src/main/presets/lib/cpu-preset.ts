import type { RunParamsInput } from '../../../shared';
import type { Preset } from '../preset';
import { judgeCpu } from './cpu-verdict';
import { durationOf, runOnce } from './run-once';
import { scenario } from './scenario';

/** A preset of one CPU-bound run expected to spread over cores; it runs its scenario's params, the duration scaled by the context. */
export function parallelCpuPreset(id: string, title: string, claim: string, params: RunParamsInput & { durationS: number }, nuance: string): Preset {
  return {
    scenario: scenario(id, title, claim, params),
    async run(ctx) {
      const trace = await runOnce(ctx, id, { ...params, durationS: durationOf(ctx, params.durationS) });
      return { traces: [trace], verdict: judgeCpu(id, claim, trace, 'parallel', {}, nuance) };
    },
  };
}
