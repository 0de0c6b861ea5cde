import { useCallback, useSyncExternalStore } from 'react';
import type { RunState } from '../app/run-state';
import { formatMs, ownCoresText, ownCost, ownCostLine, sourceLine, type SamplerStats } from '../../shared';
import type { TimelineModel } from '../../timeline/model';
import { factsAt } from '../../timeline/replay/facts-at';
import type { ReplayClock } from '../../timeline/replay/replay-clock';

function Sparkline({ values }: { values: number[] }) {
  const w = 60;
  const h = 16;
  if (values.length < 2) return <svg className="spark" width={w} height={h} aria-hidden="true" />;
  const step = w / (values.length - 1);
  const d = values.map((v, i) => `${i ? 'L' : 'M'}${(i * step).toFixed(1)},${(h - v * h).toFixed(1)}`).join('');
  return (
    <svg className="spark" width={w} height={h} aria-hidden="true">
      <path d={d} />
    </svg>
  );
}

/**
 * Per-core utilisation with a short history, parallelism, wall/CPU time, spawn latency, sampler rate.
 * During a replay the bars, the gauge and the times are those at the replay's time, recomputed from the run.
 */
export function LiveMetrics({ state, clock, model }: { state: RunState; clock: ReplayClock; model: TimelineModel }) {
  const replayMs = useSyncExternalStore(
    useCallback((cb: () => void) => clock.onChange(cb), [clock]),
    () => clock.state.tMs,
  );
  const at = replayMs === null ? null : factsAt(model, replayMs);
  const m = state.metrics;
  const cores = state.machine?.logicalCores ?? state.coreHistory.length;
  const latest = at ? at.coreBusy : state.coreHistory.map((h) => h.at(-1) ?? 0);
  const liveParallelism = latest.reduce((a, b) => a + b, 0);
  const parallelism = at || state.status === 'running' ? liveParallelism : (m?.parallelism ?? liveParallelism);
  const gilHolder = at && at.gilHolder >= 0 ? model.tasks[at.gilHolder]?.label : null;
  // The app's own main and sampler threads were not spawned by the run (their 0 would drag the average down).
  const spawn = m?.tasks.filter((t) => t.kind !== 'main' && t.kind !== 'sampler').map((t) => t.spawnMs).filter((s): s is number => s !== null) ?? [];
  const spawnAvg = spawn.length ? spawn.reduce((a, b) => a + b, 0) / spawn.length : null;
  const observable = state.machine?.coresObservable ?? true;
  return (
    <section className="panel metrics" aria-labelledby="metrics-title">
      <h2 id="metrics-title">{at ? `Metrics at ${formatMs(at.tMs)} (replay)` : 'Live metrics'}</h2>
      {!observable && <p className="muted">This OS does not report which core a task runs on; per-core bars are unavailable.</p>}
      {observable && cores > 0 && (
        <p className="muted caption" id="core-bars-caption">
          Each core&apos;s time used by this run&apos;s tasks (last 0.5 s); other programs on the machine are not counted.
        </p>
      )}
      <ul className="core-bars" aria-describedby="core-bars-caption">
        {Array.from({ length: observable ? cores : 0 }, (_, c) => {
          const share = latest[c] ?? (m?.cores.find((x) => x.core === c)?.utilization ?? 0);
          return (
            <li key={c}>
              <span className="core-name">core {c}</span>
              <span className="bar" role="meter" aria-label={`core ${c} busy with this run's tasks`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(share * 100)}>
                <span style={{ width: `${Math.min(100, share * 100)}%` }} />
              </span>
              <span className="num">{Math.round(share * 100)}%</span>
              <Sparkline values={at ? [] : (state.coreHistory[c] ?? [])} />
            </li>
          );
        })}
      </ul>
      <div className="gauge" aria-label={`parallelism ${parallelism.toFixed(2)} of ${cores} cores`}>
        <span className="gauge-label">parallelism</span>
        <span className="bar">
          <span style={{ width: `${Math.min(100, (parallelism / Math.max(1, cores)) * 100)}%` }} />
        </span>
        <span className="num">
          {parallelism.toFixed(2)} / {cores}
        </span>
      </div>
      <dl className="numbers">
        <dt>wall time</dt>
        <dd data-testid="metric-wall">{at ? formatMs(at.tMs) : m ? formatMs(m.wallMs) : state.progress ? formatMs(state.progress.elapsedMs) : '–'}</dd>
        <dt>CPU time</dt>
        <dd>{at ? formatMs(at.cpuMs) : m ? formatMs(m.cpuMs) : '–'}</dd>
        {gilHolder && (
          <>
            <dt>GIL held by</dt>
            <dd>{gilHolder}</dd>
          </>
        )}
        <dt>spawn latency</dt>
        <dd title={state.run?.command && spawnAvg === null ? "a traced program's first instruction is not observable from outside" : undefined}>
          {spawnAvg !== null ? `${formatMs(spawnAvg)} avg` : state.run?.command ? 'unknown' : '–'}
        </dd>
        <dt>Corelanes itself</dt>
        <dd data-testid="metric-own" title={m ? ownCostLine(ownCost(m), true) : "the cores Corelanes' own threads used, once the first metrics arrive"}>
          {m ? ownCoresText(ownCost(m)) : '–'}
        </dd>
        <dt>scheduling</dt>
        <dd data-testid="metric-scheduling" title={m?.sampler ? sourceLine(m.sampler) : undefined}>
          {m?.sampler ? sourceLabel(m.sampler) : '–'}
        </dd>
      </dl>
      {m?.sampler?.refusal ? (
        <p className="source-refusal" role="note">
          {sourceLine(m.sampler)}
        </p>
      ) : null}
    </section>
  );
}

/** Short: which source and what it costs; the full line (and any refusal) is the tooltip. */
function sourceLabel(s: SamplerStats): string {
  const cost = `${s.cpuPercent.toFixed(1)}% CPU`;
  if (s.source === 'exact') return `exact (switch records) · ${cost}${s.lostRecords ? ` · ${s.lostRecords} records lost` : ''}`;
  if (s.source === 'proc' || s.source === 'linux-proc') return `/proc ${s.rateHz.toFixed(0)} Hz${s.cpuBudgetPercent === undefined ? '' : ' (budgeted)'} · ${cost}${s.coverage === undefined ? '' : ` · ${coverageText(s)}`}`;
  return `${s.source} · ${cost}`;
}

/** How much of the run the /proc samples saw: the share outside pauses over 20 ms, and the longest pause. */
function coverageText(s: SamplerStats): string {
  const pct = (s.coverage ?? 0) * 100;
  return `${pct >= 99.95 ? '100' : pct.toFixed(1)}% seen${s.gaps > 0 ? `, longest pause ${s.maxGapMs.toFixed(0)} ms` : ''}`;
}
