// Per CPython thread: drawn running ms vs GIL held ms; and how much of the time both were drawn running at once.
import { readFileSync } from 'node:fs';
const [tracePath, gilPath, label] = process.argv.slice(2);
const trace = JSON.parse(readFileSync(tracePath, 'utf8'));
const held = new Map(readFileSync(gilPath, 'utf8').trim().split('\n').map((l) => l.split(' ')).map(([tid, h]) => [Number(tid), Number(h)]));
const threads = trace.tasks.filter((t) => held.has(t.tid) && held.get(t.tid) > 100);
const runs = threads.map((t) => trace.segments.filter((s) => s.taskId === t.id && s.state === 'running').map((s) => [s.startMs, s.endMs]));
const rows = threads.map((t, i) => {
  const drawn = runs[i].reduce((a, [s, e]) => a + (e - s), 0);
  const h = held.get(t.tid);
  return { tid: t.tid, drawnRunningMs: drawn.toFixed(0), gilHeldMs: h.toFixed(0), diff: `${(((drawn - h) / h) * 100).toFixed(1)}%` };
});
let both = 0;
let any = 0;
if (runs.length >= 2) {
  const edges = [...new Set(runs.flat(2))].sort((a, b) => a - b);
  const on = (r, t) => r.some(([s, e]) => s <= t && t < e);
  for (let i = 0; i + 1 < edges.length; i++) {
    const mid = (edges[i] + edges[i + 1]) / 2;
    const n = runs.filter((r) => on(r, mid)).length;
    const d = edges[i + 1] - edges[i];
    if (n >= 1) any += d;
    if (n >= 2) both += d;
  }
}
console.log(`source ${label} (${trace.metrics.sampler.source}): both drawn running ${any > 0 ? ((both / any) * 100).toFixed(1) : '-'}% of the time either was`);
console.table(rows);
