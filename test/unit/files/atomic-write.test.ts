import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../../src/main/files/atomic-write';

describe('writeFileAtomic', () => {
  it('writes the whole file and leaves no temp file behind', () => {
    const dir = mkdtempSync(join(tmpdir(), 'corelanes-atomic-'));
    const path = join(dir, 'a.json');
    writeFileAtomic(path, 'first');
    writeFileAtomic(path, new Uint8Array([0x7b, 0x7d]));
    expect(readFileSync(path, 'utf8')).toBe('{}');
    expect(readdirSync(dir)).toEqual(['a.json']);
  });

  it('removes its temp file when the rename fails, leaving the target as it was', () => {
    const dir = mkdtempSync(join(tmpdir(), 'corelanes-atomic-'));
    const target = join(dir, 'target.json');
    mkdirSync(target);
    writeFileSync(join(target, 'inside'), 'kept');
    // The bytes reach the temp file, then rename() cannot replace a directory.
    expect(() => writeFileAtomic(target, 'new')).toThrow(/EISDIR|ENOTEMPTY|EEXIST/);
    expect(readdirSync(dir)).toEqual(['target.json']);
    expect(readFileSync(join(target, 'inside'), 'utf8')).toBe('kept');
  });
});
