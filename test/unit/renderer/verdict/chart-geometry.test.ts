import { describe, expect, it } from 'vitest';
import { axisTicks, barsScales, linesScales, type Box } from '../../../../src/renderer/panels/verdict/chart-geometry';
import type { BarsChart, LinesChart } from '../../../../src/shared';

const box: Box = { width: 300, height: 200, margin: { l: 50, r: 10, t: 10, b: 30 } };
const KB = 1024;

describe('verdict chart geometry', () => {
  const cost: LinesChart = {
    type: 'lines',
    title: 'latency against payload',
    x: { label: 'payload', unit: 'bytes', log: true },
    y: { label: 'latency', unit: 'us', log: true },
    series: [
      { name: 'clone', points: [{ x: KB, y: 20 }, { x: 64 * KB * KB, y: 100_000 }] },
      { name: 'transfer', points: [{ x: KB, y: 15 }, { x: 64 * KB * KB, y: 240 }] },
    ],
  };

  it('log-log: equal ratios are equal distances, and the ends fall inside the plot', () => {
    const { x, y } = linesScales(cost, box);
    expect(x(KB)).toBeGreaterThanOrEqual(box.margin.l);
    expect(x(64 * KB * KB)).toBeLessThanOrEqual(box.width - box.margin.r);
    expect(x(KB * KB) - x(KB)).toBeCloseTo(x(KB * KB * KB) - x(KB * KB), 6);
    expect(y(100_000)).toBeLessThan(y(20)); // up is more
  });

  it('a bytes log axis ticks at powers of 1024 (1 KiB, 1 MiB ...), a latency axis at powers of ten', () => {
    const { x, y } = linesScales(cost, box);
    expect(axisTicks(x, true, 'bytes')).toEqual([KB, KB * KB, KB * KB * KB].filter((v) => v <= (x.domain()[1] as number) * 1.000001));
    const yt = axisTicks(y, true, 'us');
    expect(yt[0]).toBe(10);
    expect(yt.every((v, i) => i === 0 || v === yt[i - 1]! * 10)).toBe(true);
  });

  it('linear axes start at zero', () => {
    const { y } = linesScales({ ...cost, y: { ...cost.y, log: false } }, box);
    expect(y.domain()[0]).toBe(0);
  });

  it('bars share one scale with their reference, which always fits', () => {
    const chart: BarsChart = { type: 'bars', title: 'cores', unit: 'cores', bars: [{ label: 'GIL', value: 0.98 }, { label: 'plain', value: 1.6 }], reference: { label: '2 bare busy loops', value: 1.95 } };
    const { band, value } = barsScales(chart, box);
    expect(value(0)).toBe(box.margin.l);
    expect(value(1.95)).toBeLessThanOrEqual(box.width - box.margin.r);
    expect(value(1.6) - value(0)).toBeCloseTo((1.6 / 0.98) * (value(0.98) - value(0)), 6);
    expect(band('0')).toBeLessThan(band('1')!);
  });
});
