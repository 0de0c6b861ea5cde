import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

interface SavedTrace {
  tasks: { id: string; kind: string }[];
  segments: { taskId: string; onCpuNs: number }[];
  metrics: { wallMs: number; own?: { otherThreadsMs: number | null } };
}

/** ms of a duration the page wrote with formatMs ("850 µs", "12.5 ms", "45 ms", "1.23 s"). */
export function shownMs(text: string, label: string): number {
  const m = new RegExp(`${label} ([\\d.]+) (µs|ms|s)\\b`).exec(text);
  if (!m) throw new Error(`no "${label} <duration>" in: ${text}`);
  const v = Number(m[1]);
  return m[2] === 'µs' ? v / 1000 : m[2] === 's' ? v * 1000 : v;
}

/**
 * The run summary's "Corelanes itself used" line against the saved trace file: the main and
 * sampler threads' numbers are their lanes' on-CPU time summed from the trace's segments (not
 * from its metrics), the rest of the process is the trace's metrics.own, and the cores are their
 * sum over the wall time. Ratios within what the page's rounding allows (formatMs keeps 2-3 digits).
 */
export async function expectOwnCostMatchesTrace(page: Page, tracePath: string): Promise<void> {
  const trace = JSON.parse(readFileSync(tracePath, 'utf8')) as SavedTrace;
  const laneMs = (kind: string) => {
    const ids = new Set(trace.tasks.filter((t) => t.kind === kind).map((t) => t.id));
    return trace.segments.filter((s) => ids.has(s.taskId)).reduce((a, s) => a + s.onCpuNs, 0) / 1e6;
  };
  const main = laneMs('main');
  const sampler = laneMs('sampler');
  const rest = trace.metrics.own?.otherThreadsMs;
  expect(main, 'the main thread ran in the trace').toBeGreaterThan(0);
  expect(sampler, 'the sampler thread ran in the trace').toBeGreaterThan(0);
  expect(typeof rest, 'the rest of the process was measured (Linux)').toBe('number');

  const text = (await page.getByTestId('own-cost').textContent()) ?? '';
  expect(text).toMatch(/^Corelanes itself used [\d.]+ cores: main thread .*; the page's renderer is not counted\.$/);
  const near = (shown: number, truth: number, what: string) => {
    // formatMs rounds to 2-3 significant digits: at most 5% off; below 1 µs of truth both read 0.
    if (truth < 0.001) return expect(shown, what).toBeLessThan(0.002);
    expect(shown / truth, `${what}: shown ${shown} ms, trace ${truth} ms`).toBeGreaterThan(0.95);
    expect(shown / truth, `${what}: shown ${shown} ms, trace ${truth} ms`).toBeLessThan(1.05);
  };
  near(shownMs(text, 'main thread'), main, 'main thread');
  near(shownMs(text, 'sampler thread'), sampler, 'sampler thread');
  near(shownMs(text, 'rest of its process'), rest as number, 'rest of its process');
  const cores = Number(/used ([\d.]+) cores/.exec(text)?.[1]);
  const truthCores = (main + sampler + (rest as number)) / trace.metrics.wallMs;
  // Shown with 2 decimals: within half of the last one.
  expect(Math.abs(cores - truthCores), `cores: shown ${cores}, trace ${truthCores}`).toBeLessThanOrEqual(0.005 + 1e-9);
  // The live metrics panel says the same, once the run is over.
  expect(await page.getByTestId('metric-own').textContent()).toBe(`${cores.toFixed(2)} cores`);
}
