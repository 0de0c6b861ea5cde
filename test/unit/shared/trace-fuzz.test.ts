import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTraceText } from '../../../src/main/bridge/service';
import { readTrace } from '../../../src/shared';
import { makeTrace } from '../bridge/fixtures';
import { anyValue, fuzzSeed } from '../../support/fuzz';

const seed = fuzzSeed();

/** A copy of `value` with the thing at one path (chosen by `pick`) replaced by `by`. */
function mutate(value: unknown, pick: number, by: unknown): unknown {
  const paths: (string | number)[][] = [];
  const walk = (v: unknown, path: (string | number)[]) => {
    paths.push(path);
    if (v && typeof v === 'object') for (const [k, c] of Object.entries(v)) walk(c, [...path, Array.isArray(v) ? Number(k) : k]);
  };
  walk(value, []);
  const path = paths[pick % paths.length]!;
  if (path.length === 0) return by;
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let at = copy;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
  at[path.at(-1)!] = by;
  return copy;
}

// A fixed number of runs (about 2 s on a quiet machine): vitest's 5 s default failed under a load of 9 on 2 cores.
const FIXED_WORK_TIMEOUT_MS = 60_000;

describe(`trace files (fast-check, seed ${seed}; FUZZ_SEED=N replays another)`, () => {
  const good = makeTrace('run-1');
  const damaged = fc.tuple(fc.nat(), anyValue).map(([pick, by]) => mutate(good, pick, by));

  it('a trace damaged anywhere: the page (readTrace) and the app (parseTraceText) say why, and never throw anything else', () => {
    fc.assert(
      fc.property(damaged, (value) => {
        const direct = readTrace(value);
        if (!direct.ok) expect(direct.error).toMatch(/^This (file|trace|Corelanes trace)/);
        let text: string | undefined;
        try {
          text = JSON.stringify(value);
        } catch {
          return;
        }
        if (text === undefined) return;
        // What a file holds is the JSON text (Infinity became null, undefined keys went): both ends judge the same thing.
        const read = readTrace(JSON.parse(text));
        try {
          parseTraceText(text);
          expect(read.ok).toBe(true);
        } catch (error) {
          expect((error as Error).message).toMatch(/^This (file|trace|Corelanes trace)/);
        }
      }),
      { seed, numRuns: 1000 },
    );
  }, FIXED_WORK_TIMEOUT_MS);

  it('any text at all, a cut trace, or a verdict nested 10^5 deep: a clear error', () => {
    const full = JSON.stringify(good);
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.nat({ max: full.length - 1 }).map((n) => full.slice(0, n))), (text) => {
        expect(() => parseTraceText(text)).toThrow(/^This (file|trace|Corelanes trace)/);
      }),
      { seed, numRuns: 500 },
    );
    const deep = JSON.stringify({ ...good, verdict: null }).replace('"verdict":null', `"verdict":${'['.repeat(1e5)}${']'.repeat(1e5)}`);
    expect(() => parseTraceText(deep)).toThrow(/^This file is not a (valid )?Corelanes trace/);
  }, FIXED_WORK_TIMEOUT_MS);
});
