import { mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readTraceFile } from '../../../src/main/files/read-trace-file';
import { syntheticTrace } from '../../support/synthetic-trace';

describe('readTraceFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'corelanes-read-'));
  const trace = syntheticTrace({ seed: 8 });

  it('reads plain and gzip JSON alike, whatever the name says', () => {
    writeFileSync(join(dir, 't.json'), JSON.stringify(trace));
    writeFileSync(join(dir, 'packed.json'), gzipSync(strToU8(JSON.stringify(trace))));
    expect(readTraceFile(join(dir, 't.json'))).toEqual(trace);
    expect(readTraceFile(join(dir, 'packed.json'))).toEqual(trace);
  });

  it('refuses a 2 GB file on its size, before reading it', () => {
    const big = join(dir, 'big.json');
    writeFileSync(big, '');
    truncateSync(big, 2 * 1024 ** 3); // sparse: reading it would take 2 GB of memory
    expect(() => readTraceFile(big)).toThrow(/big\.json: This file is 2\.0 GB; Corelanes opens trace files of up to 256 MB\.$/);
  });

  it('says in one line what is wrong, naming the file', () => {
    writeFileSync(join(dir, 'cut.json'), JSON.stringify(trace).slice(0, 500));
    expect(() => readTraceFile(join(dir, 'cut.json'))).toThrow(/cut\.json: This trace file ends too early/);
    expect(() => readTraceFile(join(dir, 'missing.json'))).toThrow(/^cannot open .*missing\.json: there is no such file$/);
    expect(() => readTraceFile(dir)).toThrow(/^cannot open .*: it is a directory$/);
  });
});
