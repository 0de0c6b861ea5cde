import type { TimelineLayout } from './layout';

/** Shortest exact tick label: 1.5 s, 250 ms, 0.125 ms (ticks are round numbers already). */
export function formatTime(ms: number): string {
  return Math.abs(ms) >= 1000 ? `${+(ms / 1000).toFixed(3)} s` : `${+ms.toFixed(3)} ms`;
}

/** How many ticks a plot of this width gets (the app's axis and the exports agree). */
export function tickCount(layout: TimelineLayout): number {
  return Math.max(2, Math.floor(layout.plotWidth / 110));
}

/** The time axis's ticks: x in CSS pixels and label, from d3's round-number ticks. */
export function axisTicks(layout: TimelineLayout): { x: number; label: string }[] {
  return layout.x.ticks(tickCount(layout)).map((t) => ({ x: layout.x(t), label: formatTime(t) }));
}
