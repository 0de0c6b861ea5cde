/**
 * A checker for the Trace Event Format (the "JSON Object Format" of Chrome's
 * trace_event docs, which Perfetto UI and chrome://tracing open), written
 * from that document's rules for the phases Corelanes writes and a few more:
 * every event has a string name and a ph; timed events have a numeric ts (us)
 * and a pid; complete events (X) a tid and a dur >= 0; instants (i/I) a scope
 * s of g, p or t (a thread-scoped one a tid); counters (C) numeric args;
 * metadata (M) one of the known names with the args it needs. Complete
 * events on one thread must nest. Returns the problems, empty when valid.
 */
const METADATA = new Set(['process_name', 'process_labels', 'process_sort_index', 'thread_name', 'thread_sort_index']);
const PHASES = new Set(['B', 'E', 'X', 'i', 'I', 'C', 'b', 'n', 'e', 's', 't', 'f', 'P', 'N', 'O', 'D', 'M', 'V', 'v', 'R', 'c']);

const isInt = (v: unknown) => typeof v === 'number' && Number.isInteger(v);
const isNum = (v: unknown) => typeof v === 'number' && Number.isFinite(v);

export function traceEventFormatProblems(doc: unknown): string[] {
  const problems: string[] = [];
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return ['top level: not an object (the JSON Object Format)'];
  const top = doc as Record<string, unknown>;
  if (!Array.isArray(top.traceEvents)) return ['top level: traceEvents is not an array'];
  if (top.displayTimeUnit !== undefined && top.displayTimeUnit !== 'ms' && top.displayTimeUnit !== 'ns') problems.push(`displayTimeUnit ${String(top.displayTimeUnit)} is not ms or ns`);
  const open = new Map<string, number[]>(); // per thread: ends of enclosing X events
  const xs: { key: string; ts: number; end: number; i: number }[] = [];
  top.traceEvents.forEach((raw, i) => {
    const at = `traceEvents[${i}]`;
    if (raw === null || typeof raw !== 'object') return problems.push(`${at}: not an object`);
    const e = raw as Record<string, unknown>;
    if (typeof e.ph !== 'string' || !PHASES.has(e.ph)) return problems.push(`${at}: unknown ph ${JSON.stringify(e.ph)}`);
    if (typeof e.name !== 'string' && e.ph !== 'E') problems.push(`${at} (${e.ph}): name is not a string`);
    if (!isInt(e.pid)) problems.push(`${at} (${e.ph}): pid is not an integer`);
    if (e.args !== undefined && (e.args === null || typeof e.args !== 'object')) problems.push(`${at}: args is not an object`);
    if (e.cat !== undefined && typeof e.cat !== 'string') problems.push(`${at}: cat is not a string`);
    if (e.ph === 'M') {
      if (!METADATA.has(e.name as string)) problems.push(`${at}: unknown metadata ${String(e.name)}`);
      const args = (e.args ?? {}) as Record<string, unknown>;
      if ((e.name === 'process_name' || e.name === 'thread_name') && typeof args.name !== 'string') problems.push(`${at}: ${String(e.name)} without args.name`);
      if (String(e.name).endsWith('sort_index') && !isInt(args.sort_index)) problems.push(`${at}: ${String(e.name)} without an integer args.sort_index`);
      if (String(e.name).startsWith('thread_') && !isInt(e.tid)) problems.push(`${at}: ${String(e.name)} without a tid`);
      return;
    }
    if (!isNum(e.ts)) problems.push(`${at} (${e.ph}): ts is not a number`);
    if (e.ph === 'X' || e.ph === 'B' || e.ph === 'E') {
      if (!isInt(e.tid)) problems.push(`${at} (${e.ph}): tid is not an integer`);
    }
    if (e.ph === 'X') {
      if (!isNum(e.dur) || (e.dur as number) < 0) problems.push(`${at} (X): dur is not a number >= 0`);
      else xs.push({ key: `${String(e.pid)}/${String(e.tid)}`, ts: e.ts as number, end: (e.ts as number) + (e.dur as number), i });
    }
    if (e.ph === 'i' || e.ph === 'I') {
      const s = e.s ?? 't';
      if (s !== 'g' && s !== 'p' && s !== 't') problems.push(`${at} (i): scope s is ${JSON.stringify(s)}, not g, p or t`);
      if (s === 't' && !isInt(e.tid)) problems.push(`${at} (i, thread scope): tid is not an integer`);
    }
    if (e.ph === 'C') {
      const values = Object.values((e.args ?? {}) as Record<string, unknown>);
      if (values.length === 0 || !values.every(isNum)) problems.push(`${at} (C): args are not all numbers`);
    }
    return undefined;
  });
  // Complete events on one thread nest (or follow one another); a partial overlap is not drawable.
  xs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.ts - b.ts || b.end - a.end));
  for (const x of xs) {
    const stack = open.get(x.key) ?? [];
    while (stack.length && (stack[stack.length - 1] as number) <= x.ts + 1e-6) stack.pop();
    const parent = stack[stack.length - 1];
    if (parent !== undefined && x.end > parent + 1e-3) problems.push(`traceEvents[${x.i}] (X) on ${x.key} overlaps an enclosing slice without nesting`);
    stack.push(x.end);
    open.set(x.key, stack);
  }
  return problems;
}
