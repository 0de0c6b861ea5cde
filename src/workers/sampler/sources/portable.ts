import type { ObservationSource } from './source';

/**
 * macOS / Windows (or Linux without /proc): Node cannot read another thread's
 * state, core or CPU time there, so every field is null and the timeline shows
 * only what workloads report. Cores are never guessed.
 */
export function portableSource(): ObservationSource {
  return {
    name: 'portable',
    coresObservable: false,
    openTask: () => ({
      read: () => ({ letter: null, core: null, onCpuNs: null, waitNs: null }),
      close: () => undefined,
    }),
    openAddressSpace: (pid) =>
      pid === process.pid ? { readRssBytes: () => process.memoryUsage.rss(), close: () => undefined } : null,
    self: () => ({ pid: process.pid, tid: null }),
    selfOnCpuNs: () => null,
  };
}
