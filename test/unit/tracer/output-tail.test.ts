import { describe, expect, it } from 'vitest';
import { OutputTailKeeper } from '../../../src/main/tracer/output-tail';

const enc = (s: string) => new TextEncoder().encode(s);

describe('the tail of a program\'s output', () => {
  it('keeps everything while it fits', () => {
    const k = new OutputTailKeeper(16);
    k.push(enc('hello '));
    k.push(enc('world'));
    expect(k.tail()).toEqual({ text: 'hello world', bytes: 11, truncated: false });
  });

  it('keeps only the last bytes of a long stream, and counts them all', () => {
    const k = new OutputTailKeeper(8);
    for (let i = 0; i < 1000; i++) k.push(enc(`${i % 10}`));
    const t = k.tail();
    expect(t).toEqual({ text: '23456789', bytes: 1000, truncated: true });
  });

  it('one chunk bigger than the bound keeps its end', () => {
    const k = new OutputTailKeeper(4);
    k.push(enc('abcdefgh'));
    expect(k.tail().text).toBe('efgh');
  });

  it('drops a character the cut split, and shows invalid bytes as U+FFFD', () => {
    const k = new OutputTailKeeper(4);
    k.push(enc('xé€')); // x, é (2 bytes), € (3 bytes): the last 4 bytes start inside é
    expect(k.tail().text).toBe('€');
    const bad = new OutputTailKeeper(8);
    bad.push(new Uint8Array([0x61, 0xff, 0x62]));
    expect(bad.tail().text).toBe('a\uFFFDb');
  });

  it('an empty stream is empty, not truncated', () => {
    expect(new OutputTailKeeper().tail()).toEqual({ text: '', bytes: 0, truncated: false });
  });
});
