/**
 * Reads ftrace text the way Perfetto's systrace importer does
 * (src/trace_processor/importers/systrace/: systrace_trace_parser.cc skips
 * lines starting with '#', systrace_line_tokenizer.cc matches this regex,
 * systrace_line_parser.cc splits args on ' ' and '=' and needs prev_pid,
 * prev_prio, next_pid and next_prio of a sched_switch), then replays the
 * switches into per-CPU runs. Written here from that reading, for tests.
 */
const LINE = /-(\d+)\s+\(?\s*(\d+|-+)?\)?\s?\[(\d+)\]\s*[a-zA-Z0-9.]{0,4}\s+(\d+\.\d+):\s+(\S+):/;

export interface ParsedLine {
  task: string;
  pid: number;
  tgid: string | null;
  cpu: number;
  tsNs: number;
  event: string;
  args: Map<string, string>;
}

export interface ParsedRun {
  cpu: number;
  pid: number;
  comm: string;
  tgid: number | null;
  fromUs: number;
  toUs: number;
}

export interface ParsedSystrace {
  lines: ParsedLine[];
  /** Lines Perfetto would count as systrace_parse_failure, or sched_switch lines it would refuse. */
  failures: string[];
  /** prev_pid that is not what the CPU was running (a broken switch chain). */
  chainBreaks: string[];
  runs: ParsedRun[];
  comments: string[];
}

/** Perfetto's TaskState(const char*): R, R+, or letters of SDTtXZPxKWNI joined by '|'. */
export function validPrevState(s: string): boolean {
  if (s === '') return false;
  if (s[0] === 'R') return s === 'R' || s === 'R+';
  return [...s].every((c) => c === '|' || 'SDTtXZPxKWNI'.includes(c));
}

function splitArgs(args: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const token of args.split(' ').filter(Boolean)) {
    if (!token.includes('=')) {
      out.set('name', token);
      continue;
    }
    const parts = token.split('=').filter(Boolean);
    out.set(parts[0] ?? '', parts.length > 1 ? (parts[parts.length - 1] as string) : '');
  }
  return out;
}

export function parseSystrace(text: string): ParsedSystrace {
  const lines: ParsedLine[] = [];
  const failures: string[] = [];
  const chainBreaks: string[] = [];
  const comments: string[] = [];
  for (const raw of text.split('\n')) {
    if (raw.startsWith('#')) {
      comments.push(raw);
      continue;
    }
    if (raw === '') continue;
    const m = LINE.exec(raw);
    if (!m) {
      failures.push(raw);
      continue;
    }
    const line: ParsedLine = {
      task: raw.slice(0, m.index).trim(),
      pid: Number(m[1]),
      tgid: m[2] ?? null,
      cpu: Number(m[3]),
      tsNs: Math.trunc(Number(m[4]) * 1e9), // static_cast<int64_t>(double * 1e9), as Perfetto
      event: m[5] as string,
      args: splitArgs(raw.slice(m.index + m[0].length).trim()),
    };
    if (line.event === 'sched_switch') {
      const ints = ['prev_pid', 'prev_prio', 'next_pid', 'next_prio'].map((k) => line.args.get(k));
      if (ints.some((v) => v === undefined || !/^-?\d+$/.test(v)) || !validPrevState(line.args.get('prev_state') ?? '')) {
        failures.push(raw);
        continue;
      }
    }
    lines.push(line);
  }
  lines.sort((a, b) => a.tsNs - b.tsNs);
  const current = new Map<number, { pid: number; comm: string; tgid: number | null; fromUs: number }>();
  const tgids = new Map<number, number>();
  for (const l of lines) if (l.tgid && /^\d+$/.test(l.tgid)) tgids.set(l.pid, Number(l.tgid));
  const runs: ParsedRun[] = [];
  for (const l of lines) {
    if (l.event !== 'sched_switch') continue;
    const us = Math.round(l.tsNs / 1000);
    const prevPid = Number(l.args.get('prev_pid'));
    const running = current.get(l.cpu);
    if ((running?.pid ?? 0) !== prevPid) chainBreaks.push(`cpu ${l.cpu} at ${us} us: prev_pid ${prevPid}, but it ran ${running?.pid ?? 0}`);
    if (running && running.pid !== 0) runs.push({ cpu: l.cpu, pid: running.pid, comm: running.comm, tgid: running.tgid, fromUs: running.fromUs, toUs: us });
    const nextPid = Number(l.args.get('next_pid'));
    current.set(l.cpu, { pid: nextPid, comm: l.args.get('next_comm') ?? '', tgid: tgids.get(nextPid) ?? null, fromUs: us });
  }
  for (const [cpu, running] of current) if (running.pid !== 0) chainBreaks.push(`cpu ${cpu} never went idle after pid ${running.pid}`);
  return { lines, failures, chainBreaks, runs, comments };
}
