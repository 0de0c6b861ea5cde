import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The interpreter's own GIL, as ground truth for tests: uprobes on libpython's
 * take_gil (entry and return) and drop_gil, recorded system-wide with perf
 * (uprobe events did not follow a tracer's children without -a), the method
 * of ../shared/tools/gil-truth. Root only; where probes cannot be placed,
 * `placeGilProbes` says why and the test is skipped with that reason.
 */

export interface GilTruth {
  /** Per tid: ms it held the GIL, ms it waited for it (take_gil entry to return), and acquisitions. */
  byTid: Map<number, { heldMs: number; waitedMs: number; acquisitions: number }>;
}

export interface GilProbes {
  /** The perf probe group (probe_python3, probe_libpython3...). */
  group: string;
  /** Runs argv under `perf record -a` with the probes; the command's own stdout comes back too. */
  record(argv: string[], timeoutMs: number): { truth: GilTruth; status: number | null; stderr: string };
  remove(): void;
}

function run(cmd: string, args: string[]): { ok: boolean; out: string } {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 30_000 });
  return { ok: r.status === 0, out: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

/** The library (or executable) holding the interpreter's take_gil. */
function libraryOf(python: string): string {
  const exe = execFileSync(python, ['-c', 'import os, sys; print(os.path.realpath(sys.executable))'], { encoding: 'utf8' }).trim();
  const ldd = run('ldd', [exe]).out;
  return /libpython\S*\s+=>\s+(\S+)/.exec(ldd)?.[1] ?? exe;
}

/** Places the probes for `python`'s interpreter, or returns why it cannot. */
export function placeGilProbes(python: string): GilProbes | { refused: string } {
  if (process.platform !== 'linux') return { refused: 'uprobes are Linux only' };
  if (process.getuid?.() !== 0) return { refused: 'placing uprobes needs root' };
  if (!run('perf', ['--version']).ok) return { refused: 'perf is not installed (Debian: apt-get install linux-perf)' };
  let lib: string;
  try {
    lib = libraryOf(python);
  } catch (e) {
    return { refused: `cannot run ${python}: ${String(e)}` };
  }
  run('perf', ['probe', '-q', '-d', 'probe_libpython*:*', '-d', 'probe_python*:*']);
  for (const p of ['take_gil', 'take_gil%return', 'drop_gil']) {
    const r = run('perf', ['probe', '-q', '-x', lib, p]);
    if (!r.ok) return { refused: `cannot probe ${p} in ${lib} (no symbols?): ${r.out.trim().split('\n').at(-1)}` };
  }
  const group = /^\s*(\S+):take_gil\s/m.exec(run('perf', ['probe', '-l']).out)?.[1];
  if (!group) return { refused: 'perf placed the probes but does not list them' };
  return {
    group,
    remove: () => void run('perf', ['probe', '-q', '-d', `${group}:*`]),
    record(argv, timeoutMs) {
      const dir = mkdtempSync(join(tmpdir(), 'corelanes-gil-truth-'));
      const data = join(dir, 'perf.data');
      try {
        const events = ['take_gil', 'take_gil__return', 'drop_gil'].flatMap((e) => ['-e', `${group}:${e}`]);
        const r = spawnSync('perf', ['record', '-q', '-a', '-k', 'CLOCK_MONOTONIC', ...events, '-o', data, '--', ...argv], { encoding: 'utf8', timeout: timeoutMs });
        const script = spawnSync('perf', ['script', '-i', data, '-F', 'tid,time,event'], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
        return { truth: parseGilScript(script.stdout ?? ''), status: r.status, stderr: r.stderr ?? '' };
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** `perf script -F tid,time,event` lines ("  1234  5.123456: probe_python3:take_gil:") into per-tid held and waited ms. */
export function parseGilScript(text: string): GilTruth {
  const byTid = new Map<number, { heldMs: number; waitedMs: number; acquisitions: number }>();
  const waitFrom = new Map<number, number>();
  const holdFrom = new Map<number, number>();
  for (const line of text.split('\n')) {
    const m = /^\s*(\d+)\s+([\d.]+):\s+\S+:(take_gil__return|take_gil|drop_gil):?/.exec(line);
    if (!m) continue;
    const tid = Number(m[1]);
    const t = Number(m[2]) * 1000;
    const e = byTid.get(tid) ?? { heldMs: 0, waitedMs: 0, acquisitions: 0 };
    byTid.set(tid, e);
    if (m[3] === 'take_gil') waitFrom.set(tid, t);
    else if (m[3] === 'take_gil__return') {
      const w = waitFrom.get(tid);
      if (w !== undefined) e.waitedMs += t - w;
      waitFrom.delete(tid);
      holdFrom.set(tid, t);
      e.acquisitions++;
    } else {
      const h = holdFrom.get(tid);
      if (h !== undefined) e.heldMs += t - h;
      holdFrom.delete(tid);
    }
  }
  return { byTid };
}
