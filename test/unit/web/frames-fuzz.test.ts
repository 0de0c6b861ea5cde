import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeClientFrame, encodeServerFrame, errorResultFrame, resultFrame } from '../../../src/main/web';
import { ServerFrameSchema } from '../../../src/shared';
import { clientFrameText, clientFrameValue, fuzzSeed } from '../../support/fuzz';

const seed = fuzzSeed();
const runs = { seed, numRuns: 2000 };

describe(`decoding client frames (fast-check, seed ${seed}; FUZZ_SEED=N replays another)`, () => {
  it('never throws, for any text, bytes or value, and a rejection says why', () => {
    fc.assert(
      fc.property(clientFrameText, fc.boolean(), (text, asBuffer) => {
        const decoded = decodeClientFrame(asBuffer ? Buffer.from(text, 'utf8') : text, false);
        if (!decoded.ok) expect(decoded.error.length).toBeGreaterThan(0);
        else expect(decoded.frame.kind).toBe('invoke');
      }),
      runs,
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.boolean(), (bytes, isBinary) => {
        expect(() => decodeClientFrame(Buffer.from(bytes), isBinary)).not.toThrow();
      }),
      runs,
    );
  });

  it('reads the id of a bad request when it can, so that request (not the connection) fails', () => {
    fc.assert(
      fc.property(clientFrameValue, (value) => {
        const text = JSON.stringify(value);
        if (text === undefined) return;
        const decoded = decodeClientFrame(text, false);
        const id = (JSON.parse(text) as { id?: unknown } | null)?.id;
        if (!decoded.ok && Number.isSafeInteger(id) && (id as number) >= 0) expect(decoded.id).toBe(id);
      }),
      runs,
    );
  });

  it('handles the frames of the issue: invalid UTF-8, JSON nested 10^6 deep, a frame over 1 MiB', () => {
    const badUtf8 = Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x7d]);
    expect(decodeClientFrame(badUtf8, false)).toMatchObject({ ok: false });
    const deep = `${'['.repeat(1e6)}${']'.repeat(1e6)}`;
    expect(decodeClientFrame(deep, false)).toMatchObject({ ok: false, error: expect.stringMatching(/larger than/) });
    const deepInArgs = `{"kind":"invoke","id":3,"name":"startRun","args":{"params":${'['.repeat(4e5)}${']'.repeat(4e5)}}}`;
    expect(decodeClientFrame(deepInArgs, false)).toMatchObject({ ok: true });
  });
});

describe('encoding server frames', () => {
  it('never throws: a value JSON cannot encode gives null (the caller answers with an error)', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 1e6; i++) deep = [deep];
    expect(encodeServerFrame(resultFrame(1, deep))).toBeNull();
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(encodeServerFrame(resultFrame(2, cycle))).toBeNull();
    expect(encodeServerFrame(resultFrame(3, 10n))).toBeNull();
    const ok = encodeServerFrame(errorResultFrame(4, 'no'))!;
    expect(ServerFrameSchema.parse(JSON.parse(ok))).toEqual({ kind: 'result', id: 4, ok: false, error: 'no' });
  });
});
