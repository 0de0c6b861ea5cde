import { exitText, formatBytes as bytes, formatValue, OUTPUT_TAIL_BYTES, ownCostLine, type CommandOutcome, type Scenario, type Verdict } from '../../../shared';
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

/**
 * Whole percentages of `parts` (label, share 0..1) that add up to exactly 100
 * (largest remainder); labels that round to 0% are left out.
 */
export function percentSplit(parts: [string, number][]): [string, number][] {
  const total = parts.reduce((a, [, v]) => a + Math.max(0, v), 0);
  if (total <= 0) return [];
  const exact = parts.map(([label, v]) => ({ label, exact: (Math.max(0, v) / total) * 100 }));
  const floors = exact.map((e) => ({ ...e, pct: Math.floor(e.exact) }));
  let left = 100 - floors.reduce((a, e) => a + e.pct, 0);
  for (const e of [...floors].sort((a, b) => b.exact - Math.floor(b.exact) - (a.exact - Math.floor(a.exact)))) {
    if (left <= 0) break;
    e.pct++;
    left--;
  }
  return floors.filter((e) => e.pct > 0).map((e) => [e.label, e.pct]);
}

/** A task's on-CPU time per core as whole % of its on-CPU time, '?' for time on no known core. */
function shareText(coreShare: Record<string, number>, unknownShare: number): string {
  const parts: [string, number][] = Object.entries(coreShare).sort(([a], [b]) => Number(a) - Number(b));
  if (unknownShare > 0) parts.push(['?', unknownShare]);
  return percentSplit(parts)
    .map(([c, p]) => `${c}:${p}%`)
    .join(' ');
}

/** How a traced program ended, in one line: "ended: exit code 0; wrote 12 B to stdout, 0 B to stderr; in /dir". */
export function outcomeLine(o: CommandOutcome, cwd?: string): string {
  return `ended: ${exitText(o)}; wrote ${bytes(o.stdout.bytes)} to stdout, ${bytes(o.stderr.bytes)} to stderr (the last ${bytes(OUTPUT_TAIL_BYTES)} of each are in the trace)${cwd ? `; ran in ${cwd}` : ''}`;
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
  if (!s.command && s.active.windowMs > 0) {
    lines.push(
      `while the workers ran (${ms(s.active.windowMs)}, spawn and stop excluded): activeParallelism ${s.active.parallelism.toFixed(3)}` +
        (s.active.unitsPerSecond !== null ? `   unitsPerActiveSecond ${s.active.unitsPerSecond.toFixed(1)}` : ''),
    );
  }
  if (s.command) lines.push("spawn latency: unknown (a traced program's first instruction is not observable from outside)");
  if (s.outcome) lines.push(outcomeLine(s.outcome, s.cwd));
  const wrappers = Object.keys(s.wrappers ?? {});
  if (wrappers.length) {
    const label = (id: string) => s.tasks.find((t) => t.id === id)?.label ?? id;
    const programs = [...new Set(Object.values(s.wrappers ?? {}))].map(label).join(', ');
    lines.push(`wrapper processes: ${wrappers.length} only started ${programs} (a launcher or shim; the app folds them into its lane)`);
  }
  else lines.push(`spawn latency: median ${ms(s.spawn.medianMs)}, max ${ms(s.spawn.maxMs)} (request to the worker's first instruction)${s.spawn.phaseMs === null ? '' : `; spawn phase ${ms(s.spawn.phaseMs)}, at most ${s.spawn.batch} starting at once`}`);
  lines.push(
    s.sampler.rateHz === null
      ? 'sampler: no measurements (it did not stop cleanly)'
      : s.sampler.source === 'exact'
        ? `sampler: ${s.sampler.cpuPercent?.toFixed(1)}% of one core (reads the kernel's records every ${s.sampler.intervalMs} ms), source exact`
        : `sampler: ${s.sampler.rateHz.toFixed(0)} Hz ${s.sampler.budget ? `(every ${s.sampler.intervalMs} to ${s.sampler.budget.coarsestIntervalMs} ms, budgeted to ${s.sampler.budget.cpuBudgetPercent}% of one core)` : `for a ${s.sampler.intervalMs} ms interval`}, ${s.sampler.cpuPercent?.toFixed(1)}% of one core, ${s.sampler.gaps} gaps (max ${s.sampler.maxGapMs.toFixed(1)} ms)${s.sampler.coverage === null ? '' : `, ${(s.sampler.coverage * 100).toFixed(1)}% of the run seen (outside pauses over 20 ms)`}, source ${s.sampler.source}`,
  );
  lines.push(s.sampler.line);
  lines.push(ownCostLine(s.own, false));
  lines.push('');
  const rows = [['task', 'kind', 'pid', 'tid', 'on-CPU', 'waiting-for-CPU', 'migr', 'spawn', 'start CPU', 'exit', 'on-CPU per core (?=unknown)']];
  for (const t of s.tasks) {
    const shares = shareText(t.coreShare, t.unknownCoreShare);
    rows.push([t.label, t.kind, String(t.pid ?? '-'), String(t.tid ?? '-'), ms(t.onCpuMs), ms(t.waitMs), String(t.migrations), ms(t.spawnMs), ms(t.startupCpuMs), t.exitReason ?? 'running', shares || 'unknown']);
  }
  lines.push(...table(rows));
  lines.push('');
  if (s.cores.length === 0) lines.push('cores: this OS does not say which core a task runs on (unknown)');
  for (const c of s.cores) lines.push(`core ${String(c.core).padEnd(3)} ${bar(c.utilization)} ${(c.utilization * 100).toFixed(0).padStart(3)}% busy with this run's tasks`);
  // A traced command's processes and threads end by exiting: only a crash or a kill is news there.
  const normal = s.command ? ['finished', 'stopped', 'removed', 'exited'] : ['finished', 'stopped', 'removed'];
  const troubled = s.tasks.filter((t) => t.exitReason && !normal.includes(t.exitReason));
  if (troubled.length) {
    lines.push('');
    for (const t of troubled) lines.push(`! ${t.label}: ${t.exitDetail ?? t.exitReason}`);
  }
  return lines.join('\n');
}

const STATUS_WORDS: Record<Verdict['status'], string> = {
  supported: 'SUPPORTED',
  partly: 'PARTLY SUPPORTED',
  'not-supported': 'NOT SUPPORTED',
  inconclusive: 'INCONCLUSIVE',
};

/** The verdict for a terminal: the answer, the claim, the one sentence, the shown numbers with units, how busy the machine was. */
export function formatVerdict(v: Verdict): string {
  const numbers = v.numbers.map((n) => `  ${n.label}: ${formatValue(n.value, n.unit)}`);
  const m = v.machine;
  const load =
    `  machine: ${m.cores} cores` +
    (m.otherCores !== null ? `, other programs used ${formatValue(m.otherCores, 'cores')}` : '') +
    (m.baselineCores !== null ? `, bare busy loops got ${formatValue(m.baselineCores, 'cores')}` : '') +
    `; ${v.repeats.n} repeat${v.repeats.n === 1 ? '' : 's'} (every number: --json, verdict.raw)`;
  return [`Verdict (${v.presetId}): ${STATUS_WORDS[v.status]}`, `  claim: ${v.claim}`, `  ${v.explanation}`, ...numbers, load].join('\n');
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
