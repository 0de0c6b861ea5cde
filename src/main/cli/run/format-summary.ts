import type { Scenario, Verdict } from '../../../shared';
import type { RunSummary } from './summary';

const ms = (n: number | null) => (n === null ? '-' : n >= 10_000 ? `${(n / 1000).toFixed(1)} s` : `${n.toFixed(1)} ms`);

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd());
}

function bar(share: number, width = 20): string {
  const filled = Math.round(Math.max(0, Math.min(1, share)) * width);
  return `${'#'.repeat(filled)}${'.'.repeat(width - filled)}`;
}

/** The readable summary printed after a run. */
export function formatSummary(s: RunSummary): string {
  const lines: string[] = [];
  if (s.command) {
    const kinds = s.kinds?.length ? ` (${s.kinds.join(', ')})` : '';
    lines.push(`Trace ${s.runId} of \`${s.command.join(' ')}\`: ${s.workers} task${s.workers === 1 ? '' : 's'}${kinds}`);
  } else lines.push(`Run ${s.runId}${s.scenarioId ? ` (${s.scenarioId})` : ''}: ${s.workers} x ${s.kind}, workload ${s.workload ?? '-'}`);
  lines.push(
    `wall ${ms(s.wallMs)}   on-CPU ${ms(s.cpuMs)}   parallelism ${s.parallelism.toFixed(2)} (on-CPU time of the workers / wall time)` +
      (s.unitsPerSecond !== null ? `   ${Math.round(s.unitsPerSecond)} units/s` : ''),
  );
  if (s.command) lines.push("spawn latency: - (a traced command's tasks are seen only once they run)");
  else lines.push(`spawn latency: median ${ms(s.spawn.medianMs)}, max ${ms(s.spawn.maxMs)} (request to the worker's first instruction)`);
  lines.push(
    s.sampler.rateHz === null
      ? 'sampler: no measurements (it did not stop cleanly)'
      : `sampler: ${s.sampler.rateHz.toFixed(0)} Hz for a ${s.sampler.intervalMs} ms interval, ${s.sampler.cpuPercent?.toFixed(1)}% of one core, ${s.sampler.gaps} gaps (max ${s.sampler.maxGapMs.toFixed(1)} ms), source ${s.sampler.source}`,
  );
  lines.push('');
  const rows = [['task', 'kind', 'pid', 'tid', 'on-CPU', 'waiting-for-CPU', 'migr', 'spawn', 'exit', 'share per core']];
  for (const t of s.tasks) {
    const shares = Object.entries(t.coreShare)
      .sort(([a], [b]) => Number(a) - Number(b))
      .map(([c, v]) => `${c}:${Math.round(v * 100)}%`)
      .join(' ');
    rows.push([t.label, t.kind, String(t.pid ?? '-'), String(t.tid ?? '-'), ms(t.onCpuMs), ms(t.waitMs), String(t.migrations), ms(t.spawnMs), t.exitReason ?? 'running', shares || 'unknown']);
  }
  lines.push(...table(rows));
  lines.push('');
  if (s.cores.length === 0) lines.push('cores: this OS does not say which core a task runs on (unknown)');
  for (const c of s.cores) lines.push(`core ${String(c.core).padEnd(3)} ${bar(c.utilization)} ${(c.utilization * 100).toFixed(0).padStart(3)}% busy with this run's tasks`);
  const troubled = s.tasks.filter((t) => t.exitReason && !['finished', 'stopped', 'removed'].includes(t.exitReason));
  if (troubled.length) {
    lines.push('');
    for (const t of troubled) lines.push(`! ${t.label}: ${t.exitDetail ?? t.exitReason}`);
  }
  return lines.join('\n');
}

export function formatVerdict(v: Verdict): string {
  const word = v.supported === true ? 'SUPPORTED' : v.supported === 'partly' ? 'PARTLY SUPPORTED' : 'NOT SUPPORTED';
  const numbers = Object.entries(v.numbers)
    .map(([k, n]) => `${k}=${Number.isInteger(n) ? n : n.toFixed(3)}`)
    .join('  ');
  return `Verdict (${v.presetId}): ${word}\n  claim: ${v.claim}\n  ${v.summary}\n  ${numbers}`;
}

/** `run --list`: one block per preset. */
export function formatPresetList(scenarios: Scenario[]): string {
  if (scenarios.length === 0) return 'No presets are installed.';
  return scenarios
    .map((s) => {
      const state = s.available ? '' : `  [unavailable: ${s.unavailableReason ?? 'no reason given'}]`;
      return `${s.id}${state}\n  ${s.title}${s.claim ? `\n  claim: ${s.claim}` : ''}`;
    })
    .join('\n');
}
