import type { ToSampler } from '../../shared';
import { readSamplerOrder } from '../../shared/sampler-orders';
import type { LoopIo } from './sampler-loop';

/** Pulls every queued message, checked without zod (readSamplerOrder); a bad one is answered with an error and skipped. Stops early when handle says so. */
export function pullMessages(io: LoopIo, handle: (msg: ToSampler) => boolean | void): void {
  for (let raw = io.receive(); raw !== undefined; raw = io.receive()) {
    const read = readSamplerOrder(raw);
    if (!read.ok) {
      io.post({ type: 'error', message: `sampler: bad message: ${read.error}` });
      continue;
    }
    if (handle(read.value) === true) return;
  }
}
