import type { PythonInfo } from './probe';

/** What the GIL column says: the interpreter's own answer, never a guess. */
export function gilLabel(p: PythonInfo): string {
  if (!p.available) return '-';
  if (p.freeThreadedBuild) return p.gilEnabled ? 'free-threaded build, GIL re-enabled' : 'free-threaded (no GIL)';
  return p.gilEnabled ? 'GIL' : 'no GIL';
}

/** Runnable interpreters as runtimes of the machine record, e.g. python3.11 → "3.11.7 (GIL)". */
export function pythonRuntimes(list: PythonInfo[]): Record<string, string> {
  const usable = list.filter((p) => p.available && p.version);
  return Object.fromEntries(usable.map((p) => [p.name.slice(0, 64), `${p.version} (${gilLabel(p)})`.slice(0, 128)]));
}

/** A plain-text table for `corelanes pythons`. */
export function formatPythons(list: PythonInfo[]): string {
  if (list.length === 0) return 'No python3 on the PATH: the python-thread and python-process kinds are unavailable.';
  const runnable = list.filter((p) => p.available);
  // Names that do not run (typically pyenv shims of versions not installed) fold into one line; --json keeps them all.
  const broken = list.filter((p) => !p.available);
  const lines: string[] = [];
  if (runnable.length === 0) lines.push('No runnable python on the PATH: the python-thread and python-process kinds are unavailable.');
  else {
    const rows = runnable.map((p) => [p.name, p.version ?? '?', gilLabel(p), p.executable ?? p.path]);
    const head = ['name', 'version', 'GIL', 'executable'];
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    const line = (r: string[]) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ');
    lines.push(line(head), ...rows.map(line));
  }
  if (broken.length) {
    const example = broken[0]!.reason ? ` (${broken[0]!.reason})` : '';
    lines.push(`also on the PATH but not runnable: ${broken.map((p) => p.name).join(', ')}${example}`);
  }
  return lines.join('\n');
}
