import { gzipSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { BridgeEvent } from '../../../src/shared';
import { ReplayClient } from '../../../src/renderer/bridge/replay-client';
import { AppController } from '../../../src/renderer/app/controller';
import { task, trace as recorded } from './fixtures';

const trace = recorded({
  tasks: [task('w0')],
  segments: [
    { taskId: 'w0', startMs: 50, endMs: 100, state: 'runnable', core: null, onCpuNs: 0, waitNs: 5e7 },
    { taskId: 'w0', startMs: 0, endMs: 50, state: 'running', core: 1, onCpuNs: 5e7, waitNs: 0 },
  ],
  memory: [{ tMs: 10, addressSpace: 100, rssBytes: 1e6 }],
});

describe('ReplayClient', () => {
  it('replays a trace as the engine streams a run, in event order', async () => {
    const client = new ReplayClient(trace, { speed: Infinity });
    const types: BridgeEvent['type'][] = [];
    client.subscribe((e) => types.push(e.type));
    await client.invoke('startRun', { params: {} });
    expect(types[0]).toBe('run-started');
    expect(types[1]).toBe('task');
    expect(types).toContain('segments');
    expect(types.at(-1)).toBe('run-ended');
    await expect(client.invoke('addWorker', {})).rejects.toThrow(/replayed trace cannot addWorker/);
  });

  it('feeds the app controller: an opened trace fills the model and the summary state', () => {
    const app = new AppController(new ReplayClient(trace));
    app.openTrace(JSON.stringify(trace));
    expect(app.model.segments.length).toBe(2);
    expect(app.model.coreLanes[1]?.length).toBe(1);
    expect(app.store.get().status).toBe('ended');
    app.openTrace('{"format":"something else"}');
    expect(app.store.get().errors.at(-1)).toMatch(/not a Corelanes trace .*corelanes run --out trace\.json/);
    app.openTrace(JSON.stringify({ ...trace, version: 3 }));
    expect(app.store.get().errors.at(-1)).toBe('This trace has format version 3, made by a newer Corelanes; this one reads versions 1 to 2. Update Corelanes to open it.');
    app.openTrace(JSON.stringify({ ...trace, run: { ...trace.run, params: null } }));
    expect(app.store.get().errors.at(-1)).toBe('This Corelanes trace is damaged: run.params has a wrong or missing value (it holds null).');
    app.openTrace('not json');
    expect(app.store.get().errors.at(-1)).toMatch(/^This file is not a Corelanes trace: it is not JSON \(.*\)\. .*corelanes run --out trace\.json/);
    app.openTrace('{"format":"corelanes-trace","version":2,"segm', 'cut.json');
    expect(app.store.get().errors.at(-1)).toMatch(/^cut\.json: This trace file ends too early/);
    // The model still holds the trace that loaded: a bad file replaces nothing.
    expect(app.model.segments.length).toBe(2);
    expect(app.store.get().errors.join('\n')).not.toContain('--trace');
  });

  it('opens a picked file (plain or gzip) with the same reader, clearing old messages, and refuses a huge one unread', async () => {
    const app = new AppController(new ReplayClient(trace));
    app.fail('an old message');
    const file = (name: string, bytes: Uint8Array, size = bytes.length) => ({ name, size, arrayBuffer: async () => bytes.slice().buffer });
    await app.openTraceFile(file('t.json.gz', gzipSync(strToU8(JSON.stringify(trace)))));
    expect(app.store.get().errors).toEqual([]);
    expect(app.model.segments.length).toBe(2);
    let read = false;
    await app.openTraceFile({ name: 'huge.json', size: 2 * 1024 ** 3, arrayBuffer: async () => ((read = true), new ArrayBuffer(0)) });
    expect(read).toBe(false);
    expect(app.store.get().errors).toEqual(['huge.json: This file is 2.0 GB; Corelanes opens trace files of up to 256 MB.']);
  });
});
