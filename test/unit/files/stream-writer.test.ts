import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { StreamWriter } from '../../../src/main/files/stream-writer';
import { spillPath } from '../../../src/main/files/spill-path';

const dir = mkdtempSync(join(tmpdir(), 'corelanes-stream-writer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const chunk = (seq: number) => ({ type: 'chunk' as const, seq, untilMs: seq, tasks: [], segments: [], markers: [], memory: [] });

describe('StreamWriter', () => {
  it('appends each line as its own gzip member, to a file only its owner may read, even one that existed', () => {
    const path = join(dir, 'a.corelanes.jsonl.gz');
    writeFileSync(path, 'old');
    chmodSync(path, 0o644);
    const w = StreamWriter.create(path);
    w.write(chunk(0));
    w.write(chunk(1));
    w.close();
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(gunzipSync(readFileSync(path)).toString().split('\n').map((l) => (l ? JSON.parse(l).seq : null))).toEqual([0, 1, null]);
  });

  it('a full disk is one line that names the file', () => {
    const w = StreamWriter.create('/dev/full');
    expect(() => w.write(chunk(0))).toThrow('cannot write the trace to /dev/full: the disk is full');
    w.close();
    expect(statSync('/dev/full').mode & 0o777).toBe(0o666); // a device keeps its mode
  });

  it('spill files go in a new folder only their owner may enter; a folder that cannot be made is named', () => {
    const path = spillPath('r/1', dir);
    expect(path).toMatch(/corelanes-\w+\/r_1\.corelanes\.jsonl\.gz$/);
    expect(statSync(join(path, '..')).mode & 0o777).toBe(0o700);
    writeFileSync(join(dir, 'a-file'), '');
    const below = join(dir, 'a-file', 'spill');
    expect(() => spillPath('r1', below)).toThrow(`cannot write the trace to a spill file in ${below}: a part of that path is a file, not a folder`);
  });
});
