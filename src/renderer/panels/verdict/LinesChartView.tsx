import { line, schemeTableau10 } from 'd3';
import type { LinesChart } from '../../../shared';
import { formatValue } from '../../../shared';
import { axisTicks, linesScales, type Box } from './chart-geometry';

// A dash pattern per series too: lines differ by more than colour.
const DASHES = ['', '6 3', '2 3', '8 3 2 3', '1 2', '10 4'];
const BOX: Box = { width: 300, height: 190, margin: { l: 52, r: 10, t: 8, b: 34 } };

export function LinesChartView({ chart }: { chart: LinesChart }) {
  const { x, y } = linesScales(chart, BOX);
  const colour = (i: number) => schemeTableau10[i % 10] as string;
  const path = line<{ x: number; y: number }>()
    .x((p) => x(p.x))
    .y((p) => y(p.y));
  const tick = (v: number, unit: string) => formatValue(v, unit).replace(' ', '\u00a0');
  const described = chart.series.map((s) => `${s.name}: ${s.points.map((p) => `${formatValue(p.x, chart.x.unit)} ${formatValue(p.y, chart.y.unit)}`).join(', ')}`).join('; ');
  return (
    <figure className="verdict-chart">
      <figcaption>{chart.title}{chart.x.log || chart.y.log ? ' (log scales)' : ''}</figcaption>
      <svg viewBox={`0 0 ${BOX.width} ${BOX.height}`} role="img" aria-label={`${chart.title}. ${described}`}>
        <line className="axis-line" x1={BOX.margin.l} x2={BOX.width - BOX.margin.r} y1={BOX.height - BOX.margin.b} y2={BOX.height - BOX.margin.b} />
        <line className="axis-line" x1={BOX.margin.l} x2={BOX.margin.l} y1={BOX.margin.t} y2={BOX.height - BOX.margin.b} />
        {axisTicks(x, chart.x.log, chart.x.unit).map((t) => (
          <text key={`x${t}`} className="tick" x={x(t)} y={BOX.height - BOX.margin.b + 13} textAnchor="middle">
            {tick(t, chart.x.unit)}
          </text>
        ))}
        {axisTicks(y, chart.y.log, chart.y.unit).map((t) => (
          <g key={`y${t}`}>
            <line className="grid-line" x1={BOX.margin.l} x2={BOX.width - BOX.margin.r} y1={y(t)} y2={y(t)} />
            <text className="tick" x={BOX.margin.l - 4} y={y(t) + 4} textAnchor="end">
              {tick(t, chart.y.unit)}
            </text>
          </g>
        ))}
        <text className="tick axis-title" x={(BOX.margin.l + BOX.width - BOX.margin.r) / 2} y={BOX.height - 4} textAnchor="middle">
          {chart.x.label}
        </text>
        {chart.series.map((s, i) => (
          <g key={s.name}>
            <path className="series" d={path(s.points) ?? ''} stroke={colour(i)} strokeDasharray={DASHES[i % DASHES.length]} />
            {s.points.map((p) => (
              <circle key={p.x} cx={x(p.x)} cy={y(p.y)} r={2.5} fill={colour(i)}>
                <title>{`${s.name}: ${formatValue(p.y, chart.y.unit)} at ${formatValue(p.x, chart.x.unit)}`}</title>
              </circle>
            ))}
          </g>
        ))}
      </svg>
      <ul className="chart-legend">
        {chart.series.map((s, i) => (
          <li key={s.name}>
            <svg width="22" height="8" aria-hidden="true">
              <line x1="0" x2="22" y1="4" y2="4" stroke={colour(i)} strokeWidth="2" strokeDasharray={DASHES[i % DASHES.length]} />
            </svg>
            {s.name}
          </li>
        ))}
      </ul>
    </figure>
  );
}
