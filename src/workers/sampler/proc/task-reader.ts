import { parseSchedstat, parseTaskStat } from './parse';
import { ProcFile } from './proc-file';

/** One observation of one task: state letter, last core, schedstat counters. */
export interface TaskReading {
  state: string;
  core: number;
  onCpuNs: number;
  waitNs: number;
  timeslices: number;
}

export const taskDir = (pid: number, tid: number): string => `/proc/${pid}/task/${tid}`;

/** Keeps a task's stat and schedstat open; read() returns null once the task is gone. */
export class TaskReader {
  private constructor(
    private readonly stat: ProcFile,
    private readonly schedstat: ProcFile,
  ) {}

  static open(pid: number, tid: number): TaskReader | null {
    const dir = taskDir(pid, tid);
    const stat = ProcFile.open(`${dir}/stat`);
    const schedstat = ProcFile.open(`${dir}/schedstat`);
    if (!stat || !schedstat) {
      stat?.close();
      schedstat?.close();
      return null;
    }
    return new TaskReader(stat, schedstat);
  }

  read(): TaskReading | null {
    const statText = this.stat.read();
    const schedText = this.schedstat.read(256);
    if (statText === null || schedText === null) return null;
    const stat = parseTaskStat(statText);
    const sched = parseSchedstat(schedText);
    if (!stat || !sched) return null;
    return { state: stat.state, core: stat.processor, ...sched };
  }

  close(): void {
    this.stat.close();
    this.schedstat.close();
  }
}
