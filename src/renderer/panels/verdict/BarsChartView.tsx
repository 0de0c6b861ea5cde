import type { BarsChart } from '../../../shared';
import { formatValue } from '../../../shared';
import { barsScales, type Box } from './chart-geometry';

const ROW = 24;

/** Horizontal bars with their values written at the end, and the reference (measured in the same run) as a dashed line. */
export function BarsChartView({ chart }: { chart: BarsChart }) {
  const box: Box = { width: 300, height: chart.bars.length * ROW + 34, margin: { l: 112, r: 74, t: 6, b: chart.reference ? 26 : 6 } };
  const { band, value } = barsScales(chart, box);
  const ref = chart.reference;
  const described = `${chart.bars.map((b) => `${b.label} ${formatValue(b.value, chart.unit)}`).join(', ')}${ref ? `; ${ref.label} ${formatValue(ref.value, chart.unit)}` : ''}`;
  return (
    <figure className="verdict-chart">
      <figcaption>{chart.title}</figcaption>
      <svg viewBox={`0 0 ${box.width} ${box.height}`} role="img" aria-label={`${chart.title}: ${described}`}>
        {chart.bars.map((b, i) => {
          const y = band(`${i}`) ?? 0;
          return (
            <g key={`${b.label}${i}`}>
              <text className="tick bar-label" x={box.margin.l - 6} y={y + band.bandwidth() / 2 + 4} textAnchor="end">
                {b.label.length > 16 ? `${b.label.slice(0, 15)}…` : b.label}
                <title>{b.label}</title>
              </text>
              <rect className="bar" x={value(0)} y={y} width={Math.max(1, value(b.value) - value(0))} height={band.bandwidth()} />
              {/* Values in their own right-hand column, clear of the bars and the reference line. */}
              <text className="tick bar-value" x={box.width - 2} y={y + band.bandwidth() / 2 + 4} textAnchor="end">
                {formatValue(b.value, chart.unit)}
              </text>
            </g>
          );
        })}
        <line className="axis-line" x1={value(0)} x2={value(0)} y1={box.margin.t} y2={box.height - box.margin.b} />
        {ref && (
          <g>
            <line className="reference-line" x1={value(ref.value)} x2={value(ref.value)} y1={box.margin.t - 2} y2={box.height - box.margin.b + 4} />
            <text className="tick reference-label" x={Math.min(value(ref.value), box.width - 80)} y={box.height - 6} textAnchor="middle">
              {`${ref.label}: ${formatValue(ref.value, chart.unit)}`}
            </text>
          </g>
        )}
      </svg>
    </figure>
  );
}
