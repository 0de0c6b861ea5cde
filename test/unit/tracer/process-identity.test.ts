import { describe, expect, it } from 'vitest';
import { identify, isSameProcess, signalVerified, type ProcReader } from '../../../src/main/tracer/process-identity';

// A /proc that the test controls, to play what the kernel does to a pid: the
// process ends, and the same number is handed to a new process (another user's).
function fakeProc(): ProcReader & { set(pid: number, startTime: number | null, state?: string): void } {
  const table = new Map<number, string>();
  return {
    stat: (pid) => table.get(pid) ?? null,
    set(pid, startTime, state = 'S') {
      if (startTime === null) table.delete(pid);
      // Fields 3..22 then more: state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime prio nice threads itreal starttime
      else table.set(pid, `${pid} (sleep) ${state} 1 ${pid} ${pid} 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 ${startTime} 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 1 0`);
    },
  };
}

describe('a process identity (pid + start time)', () => {
  it('a recycled pid is never signalled: same number, another start time', () => {
    const proc = fakeProc();
    proc.set(4242, 1000);
    const seen = identify(4242, proc)!;
    expect(seen).toEqual({ pid: 4242, startTime: 1000 });
    const sent: [number, string][] = [];
    const kill = (pid: number, signal: NodeJS.Signals) => void sent.push([pid, signal]);
    expect(signalVerified(seen, 'SIGTERM', proc, kill)).toBe(true);
    // It ends, and the kernel gives 4242 to someone else's new process.
    proc.set(4242, null);
    expect(signalVerified(seen, 'SIGKILL', proc, kill)).toBe(false);
    proc.set(4242, 1737);
    expect(isSameProcess(seen, proc)).toBe(false);
    expect(signalVerified(seen, 'SIGKILL', proc, kill)).toBe(false);
    expect(sent).toEqual([[4242, 'SIGTERM']]);
  });

  it('a zombie, pid 0 or 1, our own pid and an unreadable stat are no one to signal', () => {
    const proc = fakeProc();
    proc.set(77, 5, 'Z');
    expect(identify(77, proc)).toBeNull();
    proc.set(1, 1);
    expect(identify(1, proc)).toBeNull();
    expect(identify(0, proc)).toBeNull();
    expect(identify(-3, proc)).toBeNull();
    expect(identify(1.5, proc)).toBeNull();
    const kill = () => {
      throw new Error('must not be called');
    };
    proc.set(process.pid, 9);
    expect(signalVerified({ pid: process.pid, startTime: 9 }, 'SIGKILL', proc, kill)).toBe(false);
    const garbled: ProcReader = { stat: () => 'not a stat line' };
    expect(identify(500, garbled)).toBeNull();
  });

  it('a process that is gone between the check and the signal is reported as not signalled', () => {
    const proc = fakeProc();
    proc.set(900, 12);
    const gone = () => {
      throw Object.assign(new Error('kill ESRCH'), { code: 'ESRCH' });
    };
    expect(signalVerified({ pid: 900, startTime: 12 }, 'SIGTERM', proc, gone)).toBe(false);
  });

  it('reads the real /proc: this process is itself, and not with another start time', () => {
    const me = identify(process.ppid)!;
    expect(me.pid).toBe(process.ppid);
    expect(isSameProcess(me)).toBe(true);
    expect(isSameProcess({ pid: me.pid, startTime: me.startTime + 1 })).toBe(false);
  });
});
