import { constants } from 'node:os';
import { loadKernel, SwitchRecordSource, type PerfKernel, type SwitchSourceOpen } from '../../../node/switch-records';

/**
 * Opens the exact source on this whole process (every thread, and through
 * inherit every thread and process it creates from now on), leaving out the
 * sampler's own thread. `deny` makes the kernel boundary answer every
 * perf_event_open with that errno: the refusal path, end to end, in tests.
 */
export function openExact(runStartMono: number, selfTid: number | null, deny: 'EACCES' | 'EPERM' | null): SwitchSourceOpen {
  let kernel: PerfKernel | undefined;
  if (deny) {
    const loaded = loadKernel();
    if ('refusal' in loaded) return { ok: false, refusal: loaded.refusal };
    const errno = -constants.errno[deny];
    kernel = { ...loaded.kernel, openSwitchEvent: () => errno };
  }
  return SwitchRecordSource.open({
    pids: [process.pid],
    baseNs: BigInt(Math.round(runStartMono * 1e6)),
    exceptTids: selfTid === null ? [] : [selfTid],
    ...(kernel ? { kernel } : {}),
  });
}
