/**
 * Times are ns since the source's base instant (CLOCK_MONOTONIC), as plain
 * numbers: the parser subtracts the base from the kernel's u64 so the values
 * stay exact however long the machine has been up.
 */

/** A task switched in or out of a CPU (PERF_RECORD_SWITCH, or _CPU_WIDE with the other task). */
export interface SwitchInOut {
  type: 'switch';
  tNs: number;
  cpu: number;
  /** The task switched in or out (the trailer's pid/tid). */
  pid: number;
  tid: number;
  out: boolean;
  /** Out while still runnable: preempted, it waits for a CPU. */
  preempt: boolean;
  otherPid?: number;
  otherTid?: number;
}

/** A task was created (FORK: a thread when pid === ppid) or ended (EXIT). */
export interface TaskRecord {
  type: 'fork' | 'exit';
  tNs: number;
  cpu: number;
  pid: number;
  ppid: number;
  tid: number;
  ptid: number;
}

/** A task's name was set (prctl) or changed by exec. */
export interface CommRecord {
  type: 'comm';
  tNs: number;
  cpu: number;
  pid: number;
  tid: number;
  comm: string;
  exec: boolean;
}

/** The ring of `cpu` was full: `lost` records are gone, up to tNs. */
export interface LostRecord {
  type: 'lost';
  tNs: number;
  cpu: number;
  lost: number;
}

/** One kernel record, decoded. `cpu` and `tNs` come from the sample_id_all trailer. */
export type SwitchRecord = SwitchInOut | TaskRecord | CommRecord | LostRecord;

/**
 * What the observer knows from elsewhere (e.g. a /proc read): the task was
 * asleep, or on CPU `cpu`, at tNs. It only settles a task's state before its
 * first switch record; switch records always win.
 */
export interface StateHint {
  type: 'hint';
  tNs: number;
  tid: number;
  state: 'asleep' | 'running';
  cpu: number | null;
}

export type TimelineInput = SwitchRecord | StateHint;

/**
 * running: from a switch-in to the next switch-out, on the switch-in's CPU.
 * runnable: preempted (or just created) until it gets a CPU again.
 * asleep: switched out to sleep, until it runs again (which kind of sleep is not in the records).
 * unknown: records were lost (or the observer has not seen the task's state yet).
 */
export type SwitchState = 'running' | 'runnable' | 'asleep' | 'unknown';

export interface SwitchSegment {
  pid: number;
  tid: number;
  startNs: number;
  endNs: number;
  state: SwitchState;
  /** The CPU while running, else null. */
  cpu: number | null;
}

export type TaskEvent =
  /** Created while watched (a FORK record): its lane starts here, runnable until its first switch-in. */
  | { kind: 'born'; tNs: number; pid: number; tid: number; ppid: number; ptid: number; thread: boolean }
  | { kind: 'exited'; tNs: number; pid: number; tid: number }
  | { kind: 'comm'; tNs: number; pid: number; tid: number; comm: string; exec: boolean };

/** A span of one CPU whose records were lost (ring full); tasks that may have run there are unknown in it. */
export interface LostSpan {
  cpu: number;
  fromNs: number;
  toNs: number;
  records: number;
}

export interface TimelineOutput {
  segments: SwitchSegment[];
  events: TaskEvent[];
  lost: LostSpan[];
}
