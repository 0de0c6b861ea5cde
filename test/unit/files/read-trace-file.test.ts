import { mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readTraceFile, readTraceFileAsync } from '../../../src/main/files/read-trace-file';
import type { Trace } from '../../../src/shared';
import { streamBytesOf, streamLinesOf } from '../../support/stream-trace';
import { syntheticTrace } from '../../support/synthetic-trace';

// The same file checks, whether the thread is held (CLI) or the event loop turns between slices (a server reading a spilled run back).
const readers: [string, (path: string, onNotice?: (line: string) => void) => Promise<Trace>][] = [
  ['readTraceFile', async (path, onNotice) => readTraceFile(path, onNotice)],
  ['readTraceFileAsync', readTraceFileAsync],
];

describe.each(readers)('%s', (_name, read) => {
  const dir = mkdtempSync(join(tmpdir(), 'corelanes-read-'));
  const trace = syntheticTrace({ seed: 8 });

  it('reads plain and gzip JSON alike, whatever the name says, and a streamed trace', async () => {
    writeFileSync(join(dir, 't.json'), JSON.stringify(trace));
    writeFileSync(join(dir, 'packed.json'), gzipSync(strToU8(JSON.stringify(trace))));
    writeFileSync(join(dir, 's.jsonl.gz'), streamBytesOf(streamLinesOf(trace, 4)).bytes);
    await expect(read(join(dir, 't.json'))).resolves.toEqual(trace);
    await expect(read(join(dir, 'packed.json'))).resolves.toEqual(trace);
    const streamed = await read(join(dir, 's.jsonl.gz'));
    expect([streamed.run.runId, streamed.segments.length, streamed.tasks.length]).toEqual([trace.run.runId, trace.segments.length, trace.tasks.length]);
  });

  it('refuses a 2 GB file on its size, before reading it', async () => {
    const big = join(dir, 'big.json');
    writeFileSync(big, '');
    truncateSync(big, 2 * 1024 ** 3); // sparse: reading it would take 2 GB of memory
    await expect(read(big)).rejects.toThrow(/big\.json: This file is 2\.0 GB; Corelanes opens trace files of up to 256 MB\.$/);
  });

  it('says in one line what is wrong, naming the file', async () => {
    writeFileSync(join(dir, 'cut.json'), JSON.stringify(trace).slice(0, 500));
    await expect(read(join(dir, 'cut.json'))).rejects.toThrow(/cut\.json: This trace file ends too early/);
    await expect(read(join(dir, 'missing.json'))).rejects.toThrow(/^cannot open .*missing\.json: there is no such file$/);
    await expect(read(dir)).rejects.toThrow(/^cannot open .*: it is a directory$/);
  });
});
