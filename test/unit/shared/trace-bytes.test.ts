import { describe, expect, it } from 'vitest';
import { encodeTraceText, isGzip, readTraceBytes } from '../../../src/shared';
import { syntheticTrace } from '../../support/synthetic-trace';

describe('trace file bytes: plain and gzip', () => {
  it('round-trips a trace through gzip, and the compressed file is much smaller', () => {
    const trace = syntheticTrace({ seed: 9, durationMs: 3000 });
    const text = JSON.stringify(trace);
    const plain = encodeTraceText(text, false);
    const packed = encodeTraceText(text, true);
    expect(isGzip(plain)).toBe(false);
    expect(isGzip(packed)).toBe(true);
    expect(packed.length).toBeLessThan(plain.length / 4);
    expect(readTraceBytes(plain)).toEqual({ ok: true, trace });
    expect(readTraceBytes(packed)).toEqual({ ok: true, trace });
  });

  it('reads a file that starts with a UTF-8 byte order mark', () => {
    const trace = syntheticTrace({ seed: 10 });
    const bytes = encodeTraceText(`\uFEFF${JSON.stringify(trace)}`, false);
    expect(readTraceBytes(bytes).ok).toBe(true);
  });
});
