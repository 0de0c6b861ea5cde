import { describe, expect, it } from 'vitest';
import { appendVerdict, toggleCompared, VERDICT_HISTORY_LENGTH } from '../../../src/renderer/app/verdict-history';
import { initialRunState, reduceEvent } from '../../../src/renderer/app/run-state';
import { verdictFixture } from '../../support/verdict';

describe('verdict history', () => {
  it('keeps the newest verdicts, one per run (a replayed verdict replaces its copy)', () => {
    let h = appendVerdict([], 'a', verdictFixture('p1'));
    h = appendVerdict(h, 'b', verdictFixture('p2'));
    h = appendVerdict(h, 'a', verdictFixture('p1', { status: 'partly' }));
    expect(h.map((r) => r.runId)).toEqual(['b', 'a']);
    expect(h[1]!.verdict.status).toBe('partly');
    for (let i = 0; i < 20; i++) h = appendVerdict(h, `r${i}`, verdictFixture());
    expect(h).toHaveLength(VERDICT_HISTORY_LENGTH);
    expect(h.at(-1)!.runId).toBe('r19');
  });

  it('a compare selection holds at most two runs', () => {
    expect(toggleCompared([], 'a')).toEqual(['a']);
    expect(toggleCompared(['a'], 'b')).toEqual(['a', 'b']);
    expect(toggleCompared(['a', 'b'], 'c')).toEqual(['b', 'c']);
    expect(toggleCompared(['a', 'b'], 'a')).toEqual(['b']);
  });

  it('the page state lists every verdict of the session, across runs', () => {
    let s = reduceEvent(initialRunState, { type: 'verdict', runId: 'r1', verdict: verdictFixture('race-counter') });
    s = reduceEvent(s, { type: 'verdict', runId: 'r2', verdict: verdictFixture('message-cost', { status: 'inconclusive' }) });
    expect(s.verdicts.map((r) => [r.runId, r.verdict.presetId, r.verdict.status])).toEqual([
      ['r1', 'race-counter', 'supported'],
      ['r2', 'message-cost', 'inconclusive'],
    ]);
  });
});
