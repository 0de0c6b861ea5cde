import { parseNrMigrations } from './parse';
import { ProcFile } from './proc-file';
import { taskDir } from './task-reader';

/** The kernel's own migration count of a task (ground truth for benches), or null. */
export function readNrMigrations(pid: number, tid: number): number | null {
  const f = ProcFile.open(`${taskDir(pid, tid)}/sched`);
  if (!f) return null;
  try {
    const text = f.read();
    return text === null ? null : parseNrMigrations(text);
  } finally {
    f.close();
  }
}
