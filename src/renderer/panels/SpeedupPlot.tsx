import { max, scaleLinear, schemeTableau10 } from 'd3';
import { memo } from 'react';
import type { RunState } from '../app/run-state';
import { speedupPoints } from '../app/speedup';

/** Measured speedup vs workers for every (kind, workload) run so far, against the ideal line. */
export const SpeedupPlot = memo(function SpeedupPlot({
  history,
  sweep,
  machine,
}: {
  history: RunState['history'];
  sweep: RunState['sweepPoints'];
  machine: RunState['machine'];
}) {
  const state = { history, machine };
  const points = speedupPoints(state.history, sweep);
  const width = 320;
  const height = 170;
  const m = { l: 34, r: 10, t: 10, b: 28 };
  if (points.length === 0) {
    return (
      <section className="panel speedup" aria-labelledby="speedup-title">
        <h2 id="speedup-title">Speedup</h2>
        <p className="muted">Each finished CPU-bound run of one kind adds a point: speedup against the 1-worker run of the same kind and workload.</p>
      </section>
    );
  }
  const maxWorkers = Math.max(2, max(points, (p) => p.workers) ?? 2);
  const maxY = Math.max(2, max(points, (p) => p.speedup) ?? 2) * 1.1;
  const x = scaleLinear().domain([0, maxWorkers]).range([m.l, width - m.r]);
  const y = scaleLinear().domain([0, maxY]).range([height - m.b, m.t]);
  const series = [...new Set(points.map((p) => p.series))];
  const colour = (s: string) => schemeTableau10[series.indexOf(s) % 10] as string;
  const cores = state.machine?.logicalCores ?? null;
  return (
    <section className="panel speedup" aria-labelledby="speedup-title">
      <h2 id="speedup-title">Speedup</h2>
      <svg width={width} height={height} role="img" aria-label={`Speedup plot: ${points.map((p) => `${p.series} at ${p.workers}: ${p.speedup.toFixed(2)}x`).join('; ')}`}>
        <line className="axis-line" x1={m.l} x2={width - m.r} y1={y(0)} y2={y(0)} />
        <line className="axis-line" x1={m.l} x2={m.l} y1={y(0)} y2={m.t} />
        {x.ticks(Math.min(maxWorkers, 6)).map((t) => (
          <text key={`x${t}`} className="tick" x={x(t)} y={height - m.b + 14} textAnchor="middle">
            {t}
          </text>
        ))}
        {y.ticks(4).map((t) => (
          <text key={`y${t}`} className="tick" x={m.l - 4} y={y(t) + 4} textAnchor="end">
            {t}
          </text>
        ))}
        <text className="tick" x={(m.l + width - m.r) / 2} y={height - 2} textAnchor="middle">
          workers
        </text>
        <line className="ideal" x1={x(0)} y1={y(0)} x2={x(Math.min(maxWorkers, maxY))} y2={y(Math.min(maxWorkers, maxY))} />
        {cores !== null && cores < maxY && <line className="cores-line" x1={m.l} x2={width - m.r} y1={y(cores)} y2={y(cores)} />}
        {series.map((s) => {
          const ps = points.filter((p) => p.series === s);
          return (
            <g key={s}>
              <path className="series" stroke={colour(s)} d={ps.map((p, i) => `${i ? 'L' : 'M'}${x(p.workers)},${y(p.speedup)}`).join('')} />
              {ps.map((p) => (
                <circle key={p.workers} cx={x(p.workers)} cy={y(p.speedup)} r={4} fill={p.basis === 'throughput' ? colour(s) : 'none'} stroke={colour(s)} strokeWidth={2}>
                  <title>{`${s}: ${p.workers} in parallel, ${p.speedup.toFixed(2)}x (${p.basis === 'throughput' ? 'throughput vs 1 worker' : 'parallelism; run 1 worker for a true speedup'})`}</title>
                </circle>
              ))}
            </g>
          );
        })}
      </svg>
      <ul className="series-legend">
        {series.map((s) => (
          <li key={s}>
            <span className="swatch" style={{ background: colour(s) }} /> {s}
          </li>
        ))}
        <li>
          <span className="swatch ideal-swatch" /> ideal (speedup = workers)
        </li>
        {points.some((p) => p.basis === 'parallelism') && <li className="muted">hollow: CPU time / wall time (no 1-worker run yet)</li>}
      </ul>
    </section>
  );
});
