import { scaleBand, scaleLinear, scaleLog, type ScaleBand, type ScaleContinuousNumeric } from 'd3';
import type { BarsChart, LinesChart } from '../../../shared';

/**
 * Scales for the verdict charts, apart from drawing so they are unit tested:
 * log axes for quantities spanning decades (cost vs payload), linear ones
 * from zero otherwise; bars share one scale with their reference line.
 */

export interface Box {
  width: number;
  height: number;
  margin: { l: number; r: number; t: number; b: number };
}

export function linesScales(chart: LinesChart, box: Box): { x: ScaleContinuousNumeric<number, number>; y: ScaleContinuousNumeric<number, number> } {
  const points = chart.series.flatMap((s) => s.points);
  const xs = points.map((p) => p.x).filter((v) => !chart.x.log || v > 0);
  const ys = points.map((p) => p.y).filter((v) => !chart.y.log || v > 0);
  const axis = (values: number[], log: boolean, range: [number, number]) => {
    const lo = Math.min(...values);
    const hi = Math.max(...values);
    if (log) {
      const a = Number.isFinite(lo) ? lo : 1;
      const b = Number.isFinite(hi) && hi > a ? hi : a * 10;
      return scaleLog().domain([a, b]).range(range).nice();
    }
    return scaleLinear().domain([Math.min(0, lo), Number.isFinite(hi) && hi > 0 ? hi : 1]).range(range).nice();
  };
  return {
    x: axis(xs, chart.x.log, [box.margin.l, box.width - box.margin.r]),
    y: axis(ys, chart.y.log, [box.height - box.margin.b, box.margin.t]),
  };
}

/** A log axis labels only its powers of ten (1, 10, 100 ...), or of 2^10 for bytes; a linear axis a few round ticks. */
export function axisTicks(scale: ScaleContinuousNumeric<number, number>, log: boolean, unit: string): number[] {
  if (!log) return scale.ticks(4);
  const [lo, hi] = scale.domain() as [number, number];
  const base = unit === 'bytes' ? 1024 : 10;
  const out: number[] = [];
  for (let v = base ** Math.ceil(Math.log(lo) / Math.log(base) - 1e-9); v <= hi * (1 + 1e-9); v *= base) out.push(v);
  return out.length >= 2 ? out : scale.ticks(3);
}

export function barsScales(chart: BarsChart, box: Box): { band: ScaleBand<string>; value: ScaleContinuousNumeric<number, number> } {
  const top = Math.max(0, ...chart.bars.map((b) => b.value), chart.reference?.value ?? 0);
  return {
    // Horizontal bars: labels read left to right, however long.
    band: scaleBand<string>().domain(chart.bars.map((b, i) => `${i}`)).range([box.margin.t, box.height - box.margin.b]).padding(0.25),
    value: scaleLinear().domain([0, top > 0 ? top * 1.05 : 1]).range([box.margin.l, box.width - box.margin.r]),
  };
}
