import { RssReader } from '../../../node/proc/memory-reader';
import { parseSchedstat } from '../../../node/proc/schedstat';
import { ProcFile } from '../../../node/proc/proc-file';
import { TaskReader } from '../../../node/proc/task-reader';
import { threadSelfIds } from '../../../node/proc/thread-self';
import type { ObservationSource, TaskHandle } from './source';

/** Linux: /proc/<pid>/task/<tid>/{stat,schedstat} and /proc/<pid>/statm, fds kept open. */
export function linuxProcSource(): ObservationSource {
  const me = threadSelfIds();
  const ownSchedstat = ProcFile.open('/proc/thread-self/schedstat');
  return {
    name: 'linux-proc',
    coresObservable: true,
    openTask(pid, tid): TaskHandle | null {
      const reader = TaskReader.open(pid, tid);
      if (!reader) return null;
      return {
        read: () => {
          const r = reader.read();
          return r && { letter: r.state, core: r.core, onCpuNs: r.onCpuNs, waitNs: r.waitNs };
        },
        close: () => reader.close(),
      };
    },
    openAddressSpace(pid) {
      const reader = RssReader.open(pid);
      return reader && { readRssBytes: () => reader.readBytes(), close: () => reader.close() };
    },
    self: () => ({ pid: me?.pid ?? process.pid, tid: me?.tid ?? null }),
    selfOnCpuNs: () => {
      const text = ownSchedstat?.read(256);
      return text ? (parseSchedstat(text)?.onCpuNs ?? null) : null;
    },
  };
}

export function linuxProcAvailable(): boolean {
  const f = ProcFile.open('/proc/thread-self/schedstat');
  f?.close();
  return process.platform === 'linux' && f !== null;
}
