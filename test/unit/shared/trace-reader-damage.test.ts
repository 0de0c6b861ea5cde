import { gzipSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { gunzipBounded, readTrace, readTraceBytes, TRACE_LIMITS, type ReadTraceResult } from '../../../src/shared';
import { seeded, syntheticTrace } from '../../support/synthetic-trace';

// Damaged trace files, made from a valid one by a seeded PRNG: whatever the
// damage, the reader returns (never throws) one line that says what is wrong.
const SEED = 20261130;
const rand = seeded(SEED);
const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
const base = syntheticTrace({ seed: 11, processes: 2, threadsPerProcess: 2, durationMs: 400 });
const baseText = JSON.stringify(base);
const clone = () => JSON.parse(baseText) as Record<string, unknown> & typeof base;
const bytesOf = (json: unknown) => strToU8(typeof json === 'string' ? json : JSON.stringify(json));

function expectOneLineError(result: ReadTraceResult, pattern: RegExp, what: string): void {
  expect(result.ok, what).toBe(false);
  if (result.ok) return;
  expect(result.error, what).toMatch(pattern);
  expect(result.error, what).not.toMatch(/\n/);
  expect(result.error.length, what).toBeLessThan(300);
}

/** Fields of each record kind with values of the wrong type for them. */
const WRONG: Record<string, Record<string, unknown[]>> = {
  segments: { startMs: ['12', null, {}, [], true], endMs: ['x', {}, false], state: [3, 'asleep', null], core: ['0', 1.5, -1, {}], onCpuNs: ['1', null], taskId: [7, null, ''] },
  tasks: { id: [1, null, ''], kind: ['thing', 3], pid: ['100', -4, 1.5], requestedMs: ['0', null], label: [5, {}] },
  markers: { tMs: ['1', null], kind: ['boom', 1] },
  memory: { tMs: [{}, 'x'], rssBytes: ['many', null] },
  annotations: { id: [1, ''], startMs: ['a', null], text: [null, 4], arrow: ['w0', { taskId: 'w0' }] },
};

describe('opening damaged trace files (seeded fuzz, seed ' + SEED + ')', () => {
  it('reads the undamaged file', () => {
    expect(readTraceBytes(bytesOf(baseText)).ok).toBe(true);
    expect(readTraceBytes(gzipSync(bytesOf(baseText))).ok).toBe(true);
  });

  it('truncated: JSON cut anywhere, gzip cut anywhere', () => {
    for (let i = 0; i < 40; i++) {
      const cut = 1 + Math.floor(rand() * (baseText.length - 2));
      expectOneLineError(readTraceBytes(bytesOf(baseText.slice(0, cut))), /ends too early: it was cut short/, `JSON cut at ${cut}`);
    }
    const gz = gzipSync(bytesOf(baseText));
    for (let i = 0; i < 20; i++) {
      const cut = 2 + Math.floor(rand() * (gz.length - 3));
      expectOneLineError(readTraceBytes(gz.subarray(0, cut)), /compressed trace is cut short or damaged|ends too early/, `gzip cut at ${cut}`);
    }
    expectOneLineError(readTraceBytes(new Uint8Array(0)), /ends too early/, 'empty file');
  });

  it('wrong types: the damaged field is named by its path', () => {
    for (let i = 0; i < 120; i++) {
      const json = clone();
      const kind = pick(Object.keys(WRONG));
      const list = json[kind] as Record<string, unknown>[];
      const index = Math.floor(rand() * list.length);
      const field = pick(Object.keys(WRONG[kind]!));
      const value = pick(WRONG[kind]![field]!);
      list[index]![field] = value;
      const where = `${kind}[${index}].${field}`.replace(/[[\].]/g, '\\$&');
      expectOneLineError(readTraceBytes(bytesOf(json)), new RegExp(`damaged: ${where}(\\.\\w+)? has a wrong or missing value`), `${kind}[${index}].${field} = ${JSON.stringify(value)}`);
    }
  });

  it('NaN and infinite times: a string "NaN", 1e999 (Infinity once parsed), negative', () => {
    for (let i = 0; i < 40; i++) {
      const json = clone();
      const index = Math.floor(rand() * json.segments.length);
      const field = pick(['startMs', 'endMs']);
      const literal = pick(['"NaN"', '1e999', '-1e999', '-3', 'null']);
      const text = JSON.stringify(json).replace(/"segments":\[/, '"segments":[') ;
      // Splice the literal in as text: JSON.stringify cannot write NaN or 1e999.
      const damagedText = text.replace(new RegExp(`("segments":\\[(?:\\{[^}]*\\},){${index}}\\{[^}]*"${field}":)[^,}]+`), `$1${literal}`);
      expect(damagedText, 'the splice found its field').not.toBe(text);
      expectOneLineError(readTraceBytes(bytesOf(damagedText)), new RegExp(`segments\\[${index}\\]\\.${field} has a wrong or missing value`), `${field} = ${literal}`);
    }
  });

  it('overlapping segments of one task', () => {
    for (let i = 0; i < 40; i++) {
      const json = clone();
      const task = pick(json.tasks).id;
      const own = json.segments.map((s, k) => [s, k] as const).filter(([s]) => s.taskId === task);
      const [[a], [b]] = [pick(own.slice(0, -1)), own[own.length - 1]!];
      const [first, second] = a.startMs < b.startMs ? [a, b] : [b, a];
      second.startMs = first.endMs - 0.5 - rand() * (first.endMs - first.startMs - 0.5);
      if (second.startMs >= second.endMs) second.endMs = second.startMs + 1;
      expectOneLineError(readTraceBytes(bytesOf(json)), new RegExp(`of task '${task.replace('.', '\\.')}' overlap at`), `task ${task}`);
    }
  });

  it('10^7 segments claimed: refused on the count, before any is validated', { timeout: 60_000 }, () => {
    const huge = `${baseText.slice(0, baseText.indexOf('"segments":['))}"segments":[${'0,'.repeat(1e7 - 1)}0],"markers":[],"memory":[],"annotations":[],"metrics":null}`;
    expectOneLineError(readTraceBytes(bytesOf(huge)), /claims 10,000,000 segments; Corelanes opens traces of up to 5,000,000/, 'plain');
    expectOneLineError(readTraceBytes(gzipSync(bytesOf(huge), { level: 1 })), /claims 10,000,000 segments/, 'gzip');
    // Elsewhere in the file, or nested: no list of a trace is that long.
    const nested = baseText.replace('"memory":[', `"memory":[[${'1,'.repeat(6e6)}1],`);
    expectOneLineError(readTraceBytes(bytesOf(nested)), /holds a list of 6,000,001 items; no list in a Corelanes trace is longer than 5,000,000/, 'nested');
    // Parsed JSON (the bridge's loadTrace) is bounded on the count too.
    const parsed = { ...clone(), markers: new Array(5_000_001).fill(0) };
    expectOneLineError(readTrace(parsed), /claims 5,000,001 markers/, 'parsed');
  });

  it('JSON nested absurdly deep', () => {
    expectOneLineError(readTraceBytes(bytesOf(baseText.replace('"verdict"', '"x"').replace('"metrics":null', `"metrics":null,"verdict":${'['.repeat(1e5)}${']'.repeat(1e5)}`))), /nests deeper than 64 levels/, 'deep');
  });

  it('unknown versions', () => {
    for (const version of [3, 99, 2.5, 0, -1, '2', null, true]) {
      const json = { ...clone(), version };
      const pattern = typeof version === 'number' && Number.isInteger(version) && version > 2 ? /format version \d+, made by a newer Corelanes/ : /no valid format version/;
      expectOneLineError(readTraceBytes(bytesOf(json)), pattern, `version ${JSON.stringify(version)}`);
    }
  });

  it('gzip bombs: inflating stops at the bound, whatever the trailer claims', () => {
    // 4 MiB of spaces deflate to ~4 KiB; 100 gzip members of it inflate to 400 MiB (> maxJsonBytes).
    const member = gzipSync(new Uint8Array(4 * 1024 * 1024).fill(0x20), { level: 9 });
    const bomb = new Uint8Array(member.length * 100);
    for (let i = 0; i < 100; i++) bomb.set(member, i * member.length);
    expect(bomb.length).toBeLessThan(TRACE_LIMITS.maxFileBytes);
    expectOneLineError(readTraceBytes(bomb), /inflates to more than 384 MB of JSON/, 'multi-member bomb');
    // A file over the bound on disk is refused on its length, before inflating or decoding.
    expectOneLineError(readTraceBytes(new Uint8Array(TRACE_LIMITS.maxFileBytes + 1)), /This file is 256 MB; Corelanes opens trace files of up to 256 MB/, 'too large');
    // A trailer that lies about the size (says 10 bytes) changes nothing: the bound counts what comes out.
    const liar = gzipSync(new Uint8Array(8 * 1024 * 1024).fill(0x20), { level: 1 });
    liar.set([10, 0, 0, 0], liar.length - 4);
    const bounded = gunzipBounded(liar, 1024 * 1024);
    expect(bounded.ok).toBe(false);
    expect(!bounded.ok && bounded.error).toMatch(/inflates to more than 1 MB of JSON/);
  }, 60_000);

  it('random byte damage: either a valid trace or one clear line, never a throw', () => {
    const bytes = bytesOf(baseText);
    for (let i = 0; i < 60; i++) {
      const copy = bytes.slice();
      for (let k = 0; k < 1 + Math.floor(rand() * 8); k++) copy[Math.floor(rand() * copy.length)] = Math.floor(rand() * 256);
      const result = readTraceBytes(rand() < 0.3 ? gzipSync(copy) : copy);
      if (!result.ok) {
        expect(result.error).not.toMatch(/\n/);
        expect(result.error).toMatch(/^This (file|Corelanes trace|trace)/);
      }
    }
  });
});
