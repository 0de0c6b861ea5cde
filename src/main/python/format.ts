import type { PythonInfo } from './probe';

/** What the GIL column says: the interpreter's own answer, never a guess. */
export function gilLabel(p: PythonInfo): string {
  if (!p.available) return '-';
  if (p.freeThreadedBuild) return p.gilEnabled ? 'free-threaded build, GIL re-enabled' : 'free-threaded (no GIL)';
  return p.gilEnabled ? 'GIL' : 'no GIL';
}

/** A plain-text table for `corelanes pythons`. */
export function formatPythons(list: PythonInfo[]): string {
  if (list.length === 0) return 'No python3 on the PATH: the python-thread and python-process kinds are unavailable.';
  const rows = list.map((p) => [p.name, p.available ? (p.version ?? '?') : 'unavailable', gilLabel(p), p.available ? (p.executable ?? p.path) : (p.reason ?? '')]);
  const head = ['name', 'version', 'GIL', 'executable / reason'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ');
  return [line(head), ...rows.map(line)].join('\n');
}
