import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cutNotice, readTraceBytes, readTraceText, streamLineText, type Trace } from '../../../src/shared';
import { fuzzSeed } from '../../support/fuzz';
import { streamBytesOf, streamLinesOf } from '../../support/stream-trace';
import { syntheticTrace } from '../../support/synthetic-trace';

const byTime = (t: Trace) => ({ ...t, markers: [...t.markers].sort((a, b) => a.tMs - b.tMs) });

describe('the streamed trace format (gzip JSON lines)', () => {
  const trace = syntheticTrace({ seed: 3, durationMs: 300 });
  const lines = streamLinesOf(trace);

  it('reads back the trace it was cut from, compressed member by member or as plain text', () => {
    const { bytes } = streamBytesOf(lines);
    const read = readTraceBytes(bytes);
    expect(read).toEqual({ ok: true, trace: byTime(trace) });
    expect(readTraceText(lines.map(streamLineText).join(''))).toEqual({ ok: true, trace: byTime(trace) });
  });

  it('a file cut at any byte opens up to its last whole line and says where it ends, or says why it cannot', () => {
    const { bytes, ends } = streamBytesOf(streamLinesOf(syntheticTrace({ seed: 4, durationMs: 30 }), 3));
    for (let n = 0; n < bytes.length; n++) {
      const read = readTraceBytes(bytes.subarray(0, n));
      const wholeLines = ends.filter((e) => e <= n).length;
      if (!read.ok) {
        // Only a file without its whole header may fail, and it says so in words.
        expect(read.error, `cut at ${n}`).toMatch(/ends before its first line|not a Corelanes trace|ends too early|cut short/);
        expect(wholeLines, `cut at ${n}`).toBe(0);
        continue;
      }
      if (read.notice === undefined) {
        // Cut only in the end of the last member (its 8-byte gzip trailer, the end of its deflate block): the footer came through whole.
        expect(n, `cut at ${n}`).toBeGreaterThanOrEqual(ends.at(-1)! - 12);
        continue;
      }
      expect(read.notice, `cut at ${n}`).toMatch(/^trace ends at [\d.]+ s: the file was cut \(no footer\); the run was not finished$/);
      expect(read.trace.markers.at(-1)).toMatchObject({ kind: 'error', text: read.notice });
      expect(read.trace.metrics).toBeNull();
    }
    expect(readTraceBytes(bytes)).toMatchObject({ ok: true });
    expect('notice' in readTraceBytes(bytes)).toBe(false);
  });

  it('a file cut after the second chunk has the first two chunks exactly', () => {
    const { bytes, ends } = streamBytesOf(lines);
    const read = readTraceBytes(bytes.subarray(0, ends[2]! + 5));
    if (!read.ok) throw new Error(read.error);
    const expected = [1, 2].flatMap((i) => (lines[i] as { segments: unknown[] }).segments);
    expect(read.trace.segments).toEqual(expected);
    expect(read.notice).toBe(cutNotice((lines[2] as { untilMs: number }).untilMs));
    expect(read.trace.run.wallMs).toBe((lines[2] as { untilMs: number }).untilMs);
  });

  it('refuses a newer version, a missing chunk and lines after the footer, naming the line', () => {
    const text = (ls: unknown[]) => ls.map((l) => `${JSON.stringify(l)}\n`).join('');
    const [header, c0, c1, c2, footer] = lines as unknown[] as Record<string, unknown>[];
    expect(readTraceText(text([{ ...header, version: 9 }, c0, footer]))).toMatchObject({ ok: false, error: expect.stringMatching(/format version 9 .*newer Corelanes.*Update Corelanes/) });
    expect(readTraceText(text([header, c0, c2, footer]))).toMatchObject({ ok: false, error: expect.stringMatching(/line 3 holds chunk 2 where chunk 1 was due/) });
    expect(readTraceText(text([header, c0, c1, c2, footer, c2]))).toMatchObject({ ok: false, error: expect.stringMatching(/line 6 comes after the footer/) });
    expect(readTraceText(text([header, c0, c1, footer]))).toMatchObject({ ok: false, error: expect.stringMatching(/line 4 says \d+ segments were written but the chunks hold \d+/) });
  });

  it(`fuzzed lines give one clear line, never a throw (seed ${fuzzSeed()})`, () => {
    const good = lines.map(streamLineText);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: good.length - 1 }), fc.string({ maxLength: 40 }), fc.integer({ min: 0, max: 2000 }), (i, junk, at) => {
        const damaged = [...good];
        const line = damaged[i]!;
        const pos = Math.min(at, line.length - 1);
        damaged[i] = `${line.slice(0, pos)}${junk.replace(/\n/g, '')}${line.slice(pos + junk.length)}`;
        const read = readTraceText(damaged.join(''));
        if (!read.ok) expect(read.error).toMatch(/^This (streamed )?(Corelanes )?trace|^This file/);
      }),
      { seed: fuzzSeed(), numRuns: 300 },
    );
  });
});
