import type { MachineLoad, VerdictStatus } from '../../../shared';

/**
 * The statistics every verdict shares: medians over repeats, how far the
 * repeats spread, and when the machine was too busy to trust a negative
 * answer. Pure, so each outcome is unit tested with hand-made numbers.
 */

export const REPEATS = 3;
/** Repeats whose (max - min) / median exceeds this disagree too much for a median to decide. */
export const MAX_SPREAD = 0.5;
/** Other programs using this share of all cores (or more) make the machine "busy". */
export const BUSY_SHARE = 0.5;
/** A baseline below this share of its ideal means the machine left no room to show parallelism. */
export const BASELINE_ROOM = 0.7;

export function median(values: readonly number[]): number {
  const s = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** From this many values on, the spread is the middle half's (one stray send among 40 does not decide). */
export const IQR_FROM = 8;

/** The range that `spread` measures: min to max for a few repeats, the quartiles for many. */
export function spreadRange(values: readonly number[]): [number, number] {
  const s = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (s.length === 0) return [NaN, NaN];
  if (s.length < IQR_FROM) return [s[0]!, s.at(-1)!];
  return [median(s.slice(0, s.length >> 1)), median(s.slice((s.length + 1) >> 1))];
}

/** (high - low) / |median| over spreadRange: 0 when every repeat agreed; 0 for fewer than 2 values. */
export function spread(values: readonly number[]): number {
  const s = values.filter(Number.isFinite);
  if (s.length < 2) return 0;
  const m = Math.abs(median(s));
  const [lo, hi] = spreadRange(s);
  const range = hi - lo;
  return m > 0 ? range / m : range > 0 ? Infinity : 0;
}

/** Share of all cores other programs used, or null when the OS did not say. */
export function busyShare(load: MachineLoad): number | null {
  return load.otherCores === null ? null : load.otherCores / load.cores;
}

export function busyReason(load: MachineLoad): string {
  const share = busyShare(load);
  return share === null ? 'the machine was busy' : `the machine was busy (${Math.round(share * 100)}% of the cores used by other programs)`;
}

export interface Judged {
  status: VerdictStatus;
  explanation: string;
}

/**
 * Whether repeats disagree. With the claim's threshold (a ratio of 1: is a
 * process slower than a thread?) they disagree when their range lies on both
 * sides of it: 1.3x and 2.5x both say "slower", however far apart. Without
 * one, when their range is more than MAX_SPREAD of their median.
 */
export function disagree(values: readonly number[], threshold?: number): boolean {
  if (threshold === undefined) return spread(values) > MAX_SPREAD;
  const [lo, hi] = spreadRange(values);
  return lo < threshold && hi > threshold;
}

/**
 * What no claim may skip: repeats that disagree, or a busy machine under a
 * negative or partial answer, make the verdict inconclusive with the reason
 * (a positive answer measured despite the load still stands).
 */
export function guard(judged: Judged, load: MachineLoad, deciding: { label: string; values: readonly number[]; threshold?: number }): Judged {
  if (judged.status === 'inconclusive') return judged;
  if (disagree(deciding.values, deciding.threshold)) {
    const v = deciding.values.filter(Number.isFinite);
    const [lo, hi] = spreadRange(v);
    const which = v.length < IQR_FROM ? '' : ', middle half';
    const across = deciding.threshold === undefined ? '' : `, on both sides of ${fmt(deciding.threshold)}`;
    return {
      status: 'inconclusive',
      explanation: `Inconclusive: the ${v.length} repeats disagreed (${deciding.label} from ${fmt(lo)} to ${fmt(hi)}${which}${across}), so no median can decide; run it again on a quieter machine.`,
    };
  }
  const share = busyShare(load);
  if (judged.status !== 'supported' && share !== null && share >= BUSY_SHARE) {
    return { status: 'inconclusive', explanation: `Inconclusive: ${busyReason(load)}, which alone could explain it: ${lowerFirst(judged.explanation)}` };
  }
  return judged;
}

/** Numbers in sentences: 3 significant digits. */
export function fmt(n: number): string {
  if (!Number.isFinite(n)) return '?';
  return Math.abs(n) >= 100 ? n.toFixed(0) : n.toPrecision(3).replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
}

function lowerFirst(s: string): string {
  return s.length ? s[0]!.toLowerCase() + s.slice(1) : s;
}
