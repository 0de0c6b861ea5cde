import type { RunParamsInput, Trace } from '../../../shared';
import type { PresetContext } from '../preset';

/** One session of a preset: starts it, stops it on abort, resolves with its trace. */
export async function runOnce(ctx: PresetContext, scenarioId: string, params: RunParamsInput): Promise<Trace> {
  if (ctx.signal?.aborted) throw new Error('the preset was stopped');
  const session = await ctx.engine.startRun(params as Parameters<PresetContext['engine']['startRun']>[0], scenarioId);
  const onAbort = () => void session.stop();
  ctx.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    return await session.done;
  } finally {
    ctx.signal?.removeEventListener('abort', onAbort);
  }
}

/** The preset's duration per run: the context's override, else the preset's default. */
export function durationOf(ctx: PresetContext, defaultS: number): number {
  return ctx.durationS !== undefined && ctx.durationS > 0 ? ctx.durationS : defaultS;
}
