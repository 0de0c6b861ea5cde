import { describe, expect, it } from 'vitest';
import { TraceShelf } from '../../../src/main/bridge/trace-shelf';
import type { Segment } from '../../../src/shared';
import { trace } from '../renderer/fixtures';

const withSegments = (runId: string, n: number) =>
  trace({ run: { ...trace().run, runId }, segments: Array.from({ length: n }, (_, i): Segment => ({ taskId: 't', startMs: i, endMs: i + 1, state: 'running', core: 0, onCpuNs: 1e6, waitNs: 0 })) });

describe('TraceShelf', () => {
  it('keeps the last run and recent runs by id, newest last', () => {
    const shelf = new TraceShelf({ runs: 2, segments: 100 });
    expect(shelf.last).toBeNull();
    shelf.put(withSegments('a', 1));
    shelf.put(withSegments('b', 1));
    shelf.put(withSegments('c', 1));
    expect(shelf.last?.run.runId).toBe('c');
    expect([shelf.get('a'), shelf.get('b')?.run.runId]).toEqual([null, 'b']);
  });
  it('drops the oldest past the segment bound but always keeps the newest, and replaces a run put again', () => {
    const shelf = new TraceShelf({ runs: 10, segments: 100 });
    shelf.put(withSegments('a', 60));
    shelf.put(withSegments('b', 60));
    expect([shelf.get('a'), shelf.last?.run.runId]).toEqual([null, 'b']);
    shelf.put(withSegments('huge', 500));
    expect(shelf.last?.run.runId).toBe('huge');
    shelf.put(withSegments('huge', 1));
    expect(shelf.get('huge')?.segments).toHaveLength(1);
  });
  it('gives a spilled run whole from its file, keeps the file when the run is put again (a preset adds its verdict), and says why when it cannot read it', async () => {
    const shelf = new TraceShelf({ runs: 10, segments: 100 });
    let file: ReturnType<typeof withSegments> | Error = withSegments('s', 50);
    shelf.put(withSegments('s', 5), { file: '/spill/s.corelanes.jsonl.gz', read: async () => { if (file instanceof Error) throw file; return file; } });
    expect((await shelf.whole('s'))?.segments).toHaveLength(50);
    const verdict = { status: 'supported', summary: 'ok' } as never;
    shelf.put({ ...withSegments('s', 5), verdict });
    expect((await shelf.whole())?.segments).toHaveLength(50);
    expect((await shelf.whole())?.verdict).toBe(verdict);
    file = new Error('cannot open /spill/s.corelanes.jsonl.gz: there is no such file');
    const window = (await shelf.whole('s'))!;
    expect(window.segments).toHaveLength(5);
    expect(window.markers[0]).toMatchObject({ kind: 'error', text: expect.stringContaining('could not be read back from /spill/s.corelanes.jsonl.gz (cannot open') });
    expect([await shelf.whole('nope'), shelf.get('s')?.segments.length]).toEqual([null, 5]);
  });
});
