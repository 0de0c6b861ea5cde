import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createBridgeService } from '../../../src/main/bridge';
import { readTraceText, toChromeTraceJson, type BridgeEvent, type Segment, type Trace } from '../../../src/shared';
import { realEngine } from '../../support/engine';
import { mergeLive } from '../../support/merge-live';

// Save trace of a run that outgrew memory saves the whole run: a real run with
// the window lowered (CORELANES_MEMORY_SEGMENTS, as a user would) spills, and
// getTrace (what Save trace and Export for Perfetto use) reads the whole run
// back from the spill file instead of handing over the recent window.

const dir = mkdtempSync(join(tmpdir(), 'corelanes-save-spilled-'));
const saved = { window: process.env.CORELANES_MEMORY_SEGMENTS, tmp: process.env.TMPDIR };
afterAll(() => {
  for (const [key, value] of [['CORELANES_MEMORY_SEGMENTS', saved.window], ['TMPDIR', saved.tmp]] as const) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  rmSync(dir, { recursive: true, force: true });
});

const bySegment = (a: Segment, b: Segment) => a.taskId.localeCompare(b.taskId) || a.startMs - b.startMs;

describe('a run that outgrew memory, over the bridge', () => {
  it('getTrace gives the whole run from the spill file, and the recent window with a reason once the file is gone', async () => {
    process.env.CORELANES_MEMORY_SEGMENTS = '1000';
    process.env.TMPDIR = dir; // the spill file goes here (os.tmpdir reads it), so the test finds and removes it
    const engine = realEngine();
    const service = createBridgeService({ engine, presets: [], log: () => undefined });
    const events: BridgeEvent[] = [];
    service.subscribe((e) => events.push(e));
    let whole: Trace;
    let window: Trace;
    try {
      const { runId } = (await service.invoke('startRun', { params: { kind: 'thread', workload: 'io', workers: 4, durationS: 1 } })) as { runId: string };
      await new Promise<void>((resolve) => service.subscribe((e) => e.type === 'run-ended' && e.runId === runId && resolve()));
      whole = (await service.invoke('getTrace', {})) as Trace;
      const [folder] = readdirSync(dir);
      rmSync(join(dir, folder!), { recursive: true });
      window = (await service.invoke('getTrace', { runId })) as Trace;
    } finally {
      await service.dispose();
      await engine.dispose();
    }
    const live = mergeLive(events.flatMap((e) => (e.type === 'segments' ? e.segments : []))).sort(bySegment);
    expect(live.length).toBeGreaterThan(2 * 1000); // the run outgrew its window
    // The live view was told where the whole run streams once it outgrew memory.
    const said = events.flatMap((e) => (e.type === 'markers' ? e.markers : [])).find((m) => /outgrew memory/.test(m.text ?? ''));
    expect(said?.text).toMatch(new RegExp(`the whole run streams to ${dir}/corelanes-\\w+/\\w+\\.corelanes\\.jsonl\\.gz; Save trace reads it back`));
    expect(window.segments.length).toBeLessThan(live.length);
    expect(window.markers[0]!.text).toMatch(/^Only the recent part of this run is here: the whole run could not be read back from .*there is no such file/);

    // What Save trace writes (JSON of getTrace) reopens as the whole run: every segment the live view was sent.
    const reopened = readTraceText(JSON.stringify(whole));
    if (!reopened.ok) throw new Error(reopened.error);
    expect([...reopened.trace.segments].sort(bySegment)).toEqual(live);
    // Not the window's note ("... are only in FILE"): the whole run, with the live note of where it streamed.
    expect(reopened.trace.markers.some((m) => /are only in/.test(m.text ?? ''))).toBe(false);
    expect(reopened.trace.markers.filter((m) => m.text === said!.text)).toHaveLength(1);
    expect(reopened.trace.metrics).toEqual(window.metrics);
    // Export for Perfetto draws the whole run too: one complete event per segment, against the window's fewer.
    const slices = (t: Trace) => (JSON.parse(toChromeTraceJson(t)) as { traceEvents: { ph: string }[] }).traceEvents.filter((e) => e.ph === 'X').length;
    expect(slices(whole)).toBeGreaterThan(slices(window));
  });
});
