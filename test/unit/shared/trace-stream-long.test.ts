import { describe, expect, it } from 'vitest';
import { readTraceBytes, TraceStreamBytesReader } from '../../../src/shared';
import { streamBytesOf, streamLinesOf } from '../../support/stream-trace';
import { syntheticTrace } from '../../support/synthetic-trace';

// A streamed trace longer than a reader keeps (TRACE_LIMITS; lowered here so the
// file stays small): it opens with its first chunks whole, says what was left
// out and from when, and keeps the whole run's tasks and metrics from the footer.

const chunkSegments = (lines: ReturnType<typeof streamLinesOf>, i: number) => (lines[i] as { segments: unknown[] }).segments;

describe('a streamed trace past what the reader keeps', () => {
  const trace = syntheticTrace({ seed: 5, durationMs: 400 });
  const lines = streamLinesOf(trace, 8);
  const { bytes } = streamBytesOf(lines);
  const firstThree = [1, 2, 3].reduce((n, i) => n + chunkSegments(lines, i).length, 0);
  const keep = { segments: firstThree + chunkSegments(lines, 4).length - 1, markers: 1e6, memory: 1e6 };

  /** Read as the CLI reads a file: slices of odd sizes, never the whole text. */
  function readInSlices(slice: number): ReturnType<TraceStreamBytesReader['result']> {
    const reader = new TraceStreamBytesReader(keep);
    for (let at = 0; at < bytes.length; at += slice) reader.push(bytes.subarray(at, at + slice), at + slice >= bytes.length);
    return reader.result();
  }

  it('keeps the chunks that fit, counts the rest, and says so in a notice and a marker where loading stopped', () => {
    expect(trace.segments.length).toBeGreaterThan(keep.segments); // the file is past what is kept
    const read = readInSlices(997);
    if (!read.ok) throw new Error(read.error);
    const loadedUntil = (lines[3] as { untilMs: number }).untilMs;
    expect(read.trace.segments).toEqual([1, 2, 3].flatMap((i) => chunkSegments(lines, i)));
    const leftOut = trace.segments.length - firstThree;
    expect(read.notice).toBe(
      `loaded up to ${(loadedUntil / 1000).toFixed(1)} s of ${(trace.run.wallMs / 1000).toFixed(1)} s: the ${leftOut.toLocaleString('en-US')} segments, ${trace.markers.filter((m) => m.tMs >= loadedUntil).length} markers and ${trace.memory.filter((m) => m.tMs >= loadedUntil).length} memory samples after it are not loaded (Corelanes holds up to ${keep.segments.toLocaleString('en-US')} of each in memory); the tasks and metrics cover the whole run`,
    );
    expect(read.trace.markers.find((m) => m.text === read.notice)).toMatchObject({ tMs: loadedUntil, kind: 'annotation' });
    // The footer is still read: the whole run's tasks, metrics and length.
    expect(read.trace.metrics).toEqual(trace.metrics);
    expect(read.trace.tasks).toEqual(trace.tasks);
    expect(read.trace.run.wallMs).toBe(trace.run.wallMs);
    // The same in one push, and within the default limits the whole file opens with no notice.
    expect(readInSlices(bytes.length)).toEqual(read);
    expect(readTraceBytes(bytes)).toMatchObject({ ok: true, trace: { segments: { length: trace.segments.length } } });
    expect('notice' in readTraceBytes(bytes)).toBe(false);
  });

  it('a long file that was also cut says both', () => {
    const cut = new TraceStreamBytesReader(keep);
    cut.push(bytes.subarray(0, streamBytesOf(lines).ends[6]! + 3), true);
    const read = cut.result();
    if (!read.ok) throw new Error(read.error);
    expect(read.notice).toMatch(/^loaded up to [\d.]+ s of [\d.]+ s: .* not loaded .*; trace ends at [\d.]+ s: the file was cut \(no footer\); the run was not finished$/);
    expect(read.trace.metrics).toBeNull();
    expect(read.trace.run.wallMs).toBe((lines[6] as { untilMs: number }).untilMs);
  });

  it('a lost chunk past the kept part is still noticed by the footer counts', () => {
    const { bytes: missing } = streamBytesOf([...lines.slice(0, 6), ...lines.slice(7)].map((l, i) => (i >= 6 && 'seq' in l ? { ...l, seq: l.seq - 1 } : l)) as typeof lines);
    const reader = new TraceStreamBytesReader(keep);
    reader.push(missing, true);
    expect(reader.result()).toMatchObject({ ok: false, error: expect.stringMatching(/segments were written but the chunks hold/) });
  });
});
