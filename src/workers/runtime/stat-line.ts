/**
 * Parses a /proc/<pid>/task/<tid>/stat line. The command name (field 2) is in
 * parentheses and may hold spaces or ')', so fields are counted after the LAST ')'.
 */
export interface StatFields {
  /** Field 1: pid or tid. */
  id: number;
  /** Field 3: R, S, D, ... */
  state: string;
  /** Field 39: the core it runs on now (running) or last ran on (otherwise). */
  core: number | null;
}

export function parseStatLine(line: string): StatFields | null {
  const close = line.lastIndexOf(')');
  if (close < 0) return null;
  const id = Number.parseInt(line, 10);
  const rest = line.slice(close + 2).trim().split(' ');
  // rest[0] is field 3, so field N is rest[N - 3].
  const state = rest[0];
  const coreText = rest[39 - 3];
  if (!Number.isFinite(id) || !state) return null;
  const core = coreText === undefined ? null : Number.parseInt(coreText, 10);
  return { id, state, core: core === null || Number.isNaN(core) ? null : core };
}
