import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { computeMetrics } from '../../../src/main/engine/recording';
import { readTraceFile } from '../../../src/main/files/read-trace-file';
import type { BridgeEvent, Marker, MemorySample, Segment, Trace } from '../../../src/shared';
import { realEngine } from '../../support/engine';
import { mergeLive } from '../../support/merge-live';
import { rounded } from '../../support/rounded';

// A real run with the memory window lowered to 2,000 segments: it must spill
// to its file while it runs, and the file, reopened, must equal what the live
// view was sent (segments merged as the recorder merges them, markers, memory)
// and give the same metrics; a copy cut mid-file opens up to a chunk.

const dir = mkdtempSync(join(tmpdir(), 'corelanes-spill-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const bySegment = (a: Segment, b: Segment) => a.taskId.localeCompare(b.taskId) || a.startMs - b.startMs;
const byMarker = (a: Marker, b: Marker) => a.tMs - b.tMs || String(a.text).localeCompare(String(b.text));
const byMemory = (a: MemorySample, b: MemorySample) => a.tMs - b.tMs || a.addressSpace - b.addressSpace;

describe('recording without a cap: a run past its memory window streams to disk', () => {
  const out = join(dir, 'io.corelanes.jsonl.gz');
  let live: { segments: Segment[]; markers: Marker[]; memory: MemorySample[] };
  let trace: Trace;

  it('spills to its file while it runs, and the reopened file equals the live run', async () => {
    const engine = realEngine();
    const events: BridgeEvent[] = [];
    const off = engine.observe({ onEvent: (e) => events.push(e) });
    try {
      const session = await engine.startRun({ kind: 'thread', workload: 'io', workers: 4, durationS: 1.5 }, null, { outPath: out, window: { segments: 2000, markers: 2000, memory: 2000 } });
      trace = await session.done;
    } finally {
      off();
      await engine.dispose();
    }
    live = {
      segments: mergeLive(events.flatMap((e) => (e.type === 'segments' ? e.segments : []))),
      markers: events.flatMap((e) => (e.type === 'markers' ? e.markers : [])),
      memory: events.flatMap((e) => (e.type === 'memory' ? e.samples : [])),
    };
    expect(statSync(out).mode & 0o777).toBe(0o600);
    // The live run outgrew the window: the trace in memory kept only its recent part and says where the rest is.
    expect(live.segments.length).toBeGreaterThan(2000);
    expect(trace.segments.length).toBeLessThanOrEqual(2000 + 20);
    expect(trace.markers[0]!.text).toMatch(new RegExp(`outgrew memory: its first \\d+ segments.* are only in ${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));

    const reopened = readTraceFile(out);
    expect([...reopened.segments].sort(bySegment)).toEqual([...live.segments].sort(bySegment));
    expect([...reopened.markers].sort(byMarker)).toEqual([...live.markers].sort(byMarker));
    expect([...reopened.memory].sort(byMemory)).toEqual([...live.memory].sort(byMemory));
    expect(reopened.metrics).toEqual(trace.metrics);
    expect(reopened.tasks).toEqual(trace.tasks);
    // The running sums the recorder kept (its segments mostly gone) equal the metrics of every segment, computed again.
    const unitsDone = Object.fromEntries(trace.metrics!.tasks.flatMap((t) => (t.unitsDone === null ? [] : [[t.taskId, t.unitsDone]])));
    const again = computeMetrics({ tasks: reopened.tasks, segments: reopened.segments, wallMs: reopened.run.wallMs, logicalCores: reopened.machine.logicalCores, sampler: reopened.metrics!.sampler, unitsDone });
    // Equal but for the last bits of float sums added in another order.
    expect(rounded({ ...again, own: trace.metrics!.own })).toEqual(rounded(trace.metrics));
  });

  it('a copy cut in the middle opens up to its last whole chunk and says where it ends', () => {
    const cut = join(dir, 'cut.corelanes.jsonl.gz');
    copyFileSync(out, cut);
    truncateSync(cut, Math.floor(statSync(out).size / 2));
    const notices: string[] = [];
    const partial = readTraceFile(cut, (n) => notices.push(n));
    expect(notices).toEqual([expect.stringMatching(/cut\.corelanes\.jsonl\.gz: trace ends at [\d.]+ s: the file was cut \(no footer\); the run was not finished/)]);
    expect(partial.segments.length).toBeGreaterThan(0);
    expect(partial.segments.length).toBeLessThan(live.segments.length);
    const full = new Set(live.segments.map((s) => JSON.stringify(s)));
    // Every segment of the cut file is one of the run's, whole (none of a later chunk, none half-written).
    expect(partial.segments.every((s) => full.has(JSON.stringify(s)))).toBe(true);
    expect(partial.run.wallMs).toBeLessThan(trace.run.wallMs);
    expect(readFileSync(cut).length).toBeGreaterThan(0);
  });

  it('a file that cannot be written stops the run before it starts, naming the file', async () => {
    const engine = realEngine();
    try {
      await expect(engine.startRun({ kind: 'thread', workload: 'io', workers: 1, durationS: 0.2 }, null, { outPath: '/dev/full' })).rejects.toThrow('cannot write the trace to /dev/full: the disk is full');
    } finally {
      await engine.dispose();
    }
  });
});
