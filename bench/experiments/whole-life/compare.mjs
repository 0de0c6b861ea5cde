// Per worker: traced on-CPU (its segments) vs the kernel's whole-life count for its tid.
import { readFileSync } from 'node:fs';
const [tracePath, kernelPath, label] = process.argv.slice(2);
const trace = JSON.parse(readFileSync(tracePath, 'utf8'));
const kernel = new Map(readFileSync(kernelPath, 'utf8').trim().split('\n').map((l) => l.split(' ')).map(([tid, , ms]) => [Number(tid), Number(ms)]));
const rows = [];
for (const t of trace.tasks.filter((t) => t.kind === 'thread' || t.kind === 'process')) {
  const traced = trace.segments.filter((s) => s.taskId === t.id).reduce((a, s) => a + s.onCpuNs, 0) / 1e6;
  const k = kernel.get(t.tid);
  if (k === undefined) continue;
  rows.push({ task: t.id, tid: t.tid, tracedMs: traced.toFixed(1), kernelMs: k.toFixed(1), diff: `${(((traced - k) / k) * 100).toFixed(2)}%`, startupCpuMs: trace.metrics.tasks.find((m) => m.taskId === t.id)?.startupCpuMs?.toFixed(1) ?? '-' });
}
console.log(`source ${label} (${trace.metrics.sampler.source}):`);
console.table(rows);
