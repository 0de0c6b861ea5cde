import { describe, expect, it } from 'vitest';
import type { SwitchSegment } from '../../../../src/node/switch-records';
import { PendingSpans } from '../../../../src/workers/sampler/exact/pending-spans';

const states = ['running', 'runnable', 'asleep', 'unknown'] as const;
const span = (i: number): SwitchSegment => {
  const state = states[i % 4]!;
  return { pid: 7, tid: 9, startNs: i * 10, endNs: i * 10 + 10, state, cpu: state === 'running' ? i % 3 : null };
};

describe('PendingSpans: spans of a thread not tracked yet, packed', () => {
  it('gives back what it was given, in order, across growth and sliding', () => {
    const p = new PendingSpans(7, 9, 1000);
    const all = Array.from({ length: 300 }, (_, i) => span(i));
    all.slice(0, 100).forEach((s) => p.push(s));
    p.dropBefore(505); // spans ending before 505 go: the first 50
    all.slice(100).forEach((s) => p.push(s));
    expect(p.size).toBe(250);
    expect(p.toSegments()).toEqual(all.slice(50));
  });

  it('keeps at most max spans and forgets everything stale', () => {
    const p = new PendingSpans(7, 9, 5);
    for (let i = 0; i < 9; i++) p.push(span(i));
    expect(p.toSegments()).toEqual(Array.from({ length: 5 }, (_, i) => span(i)));
    p.dropBefore(Infinity);
    expect(p.size).toBe(0);
    expect(p.toSegments()).toEqual([]);
  });
});
