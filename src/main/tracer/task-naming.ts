import type { TaskKind } from '../../shared';

/** Task id of a traced OS thread: p<pid> for a process's main thread, t<tid> for its other threads. */
export function tracedTaskId(pid: number, tid: number): string {
  return pid === tid ? `p${pid}` : `t${tid}`;
}

/** Whether an executable is a CPython interpreter, and whether it is a free-threaded build (name ends in t). */
export function pythonFlavour(exe: string | null, comm: string): { python: boolean; freeThreaded: boolean } {
  const name = (exe ?? '').split('/').pop() ?? '';
  const python = /^python\d*(\.\d+)?t?$/.test(name) || /^python/.test(comm);
  return { python, freeThreaded: /^python\d+\.\d+t$/.test(name) };
}

export function tracedKind(pid: number, tid: number, python: boolean): TaskKind {
  if (python) return pid === tid ? 'python-process' : 'python-thread';
  return pid === tid ? 'process' : 'thread';
}
