import { describe, expect, it } from 'vitest';
import { ScenarioSchema, type Metrics, type RunInfo, type Trace } from '../../../src/shared';
import { initialRunState, reduceEvent } from '../../../src/renderer/app/run-state';
import { liveSummary } from '../../../src/renderer/app/live-summary';
import { runRecordFor } from '../../../src/renderer/app/speedup-record';
import { ReplayClient } from '../../../src/renderer/bridge/replay-client';
import { machine, task } from './fixtures';

/** A traced command's run: what ran, and no kind, workload or planned length. */
const run: RunInfo = { runId: 'trace-1', scenarioId: 'trace', params: null, command: { argv: ['python3', 'x.py'], intervalMs: 1 }, startedAt: '2026-01-01T00:00:00Z', wallMs: 0 };
const metrics: Metrics = { wallMs: 500, cpuMs: 400, parallelism: 0.8, tasks: [], cores: [], sampler: null, unitsPerSecond: null };

describe('a run without params (a traced command) in the renderer', () => {
  it('starts with no made-up planned length and is summarized by its program', () => {
    const s = reduceEvent({ ...initialRunState, connection: 'open' }, { type: 'run-started', run, machine });
    expect(s.progress).toEqual({ elapsedMs: 0, durationMs: 0 });
    expect(liveSummary({ ...s, status: 'running', progress: { elapsedMs: 250, durationMs: 0 } })).toBe('Running a traced program (python3 x.py), 0 tasks: 250 ms.');
  });

  it('is no speedup point, whatever kinds its tasks have', () => {
    expect(runRecordFor(run, [task('t1', { kind: 'thread' }), task('t2', { kind: 'thread' })], metrics)).toBeNull();
  });

  it('a replayed command trace lists a valid scenario and replays its run info as recorded', async () => {
    const trace: Trace = { format: 'corelanes-trace', version: 2, machine, run: { ...run, wallMs: 100 }, tasks: [task('t1')], segments: [], markers: [], memory: [], annotations: [], metrics: null };
    const client = new ReplayClient(trace, { speed: Infinity });
    const [scenario] = (await client.invoke('listScenarios', {})) as unknown[];
    expect(ScenarioSchema.parse(scenario)).toMatchObject({ title: 'Replay of trace', params: {} });
    const started: RunInfo[] = [];
    client.subscribe((e) => e.type === 'run-started' && started.push(e.run));
    await client.invoke('startRun', { params: {} });
    expect(started[0]).toMatchObject({ params: null, command: { argv: ['python3', 'x.py'] } });
  });
});
