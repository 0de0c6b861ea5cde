import { ToSamplerSchema, type ToSampler } from '../../shared';
import type { LoopIo } from './sampler-loop';

/** Pulls every queued message, validated; a bad one is answered with an error and skipped. Stops early when handle says so. */
export function pullMessages(io: LoopIo, handle: (msg: ToSampler) => boolean | void): void {
  for (let raw = io.receive(); raw !== undefined; raw = io.receive()) {
    const parsed = ToSamplerSchema.safeParse(raw);
    if (!parsed.success) {
      io.post({ type: 'error', message: `sampler: bad message: ${parsed.error.issues[0]?.message ?? 'invalid'}` });
      continue;
    }
    if (handle(parsed.data) === true) return;
  }
}
