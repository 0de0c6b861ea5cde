import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkOut, writeTraceOut } from '../../../src/main/cli/run/out-file';
import { readTraceFile } from '../../../src/main/files/read-trace-file';
import { defaultFileName, isGzip } from '../../../src/shared';
import { syntheticTrace } from '../../support/synthetic-trace';

describe('writeTraceOut', () => {
  const trace = syntheticTrace({ seed: 51 });
  const size = JSON.stringify(trace).length;

  it('compresses a path ending in .gz and no other, whatever the size', () => {
    const dir = mkdtempSync(join(tmpdir(), 'corelanes-out-'));
    const packed = writeTraceOut(checkOut(join(dir, 'a.json.gz'))!, trace, 1);
    const plain = writeTraceOut(checkOut(join(dir, 'b.json'))!, trace, 1);
    expect(isGzip(readFileSync(packed))).toBe(true);
    expect(isGzip(readFileSync(plain))).toBe(false);
    expect(readTraceFile(packed)).toEqual(trace);
    expect(readTraceFile(plain)).toEqual(trace);
  });

  it('names a default-named trace after its run, and compresses it (.json.gz) when large', () => {
    const dir = mkdtempSync(join(tmpdir(), 'corelanes-out-'));
    const target = { path: null, dir };
    expect(writeTraceOut(target, trace, size + 1)).toBe(join(dir, defaultFileName(trace.run)));
    expect(writeTraceOut(target, trace, size)).toBe(join(dir, defaultFileName(trace.run, 'trace-gz')));
    expect(readdirSync(dir).sort()).toEqual([defaultFileName(trace.run), defaultFileName(trace.run, 'trace-gz')].sort());
    expect(isGzip(readFileSync(join(dir, defaultFileName(trace.run, 'trace-gz'))))).toBe(true);
  });

  it('refuses an --out it cannot write before anything runs', () => {
    expect(() => checkOut('/nonexistent-dir/t.json')).toThrow(/^cannot write the trace to \/nonexistent-dir\/t\.json: the folder \/nonexistent-dir does not exist$/);
    expect(checkOut(undefined)).toBeNull();
  });
});
