import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { KindDefinition, WorkerExit, WorkerHandle, ExtraTask } from '../../../src/main/engine/kinds/kind-driver';
import type { Sampler, TrackedTask } from '../../../src/main/engine/sampling/sampler-api';
import type { EngineOptions } from '../../../src/main/engine/session-api';
import { startSession } from '../../../src/main/engine/session/session';
import { LIMITS, RunParamsSchema, type BridgeEvent, type Machine, type RunParamsInput, type ToWorker } from '../../../src/shared';
import { monoMs } from '../../../src/node/clock';
import { until } from '../../support/until';

// The session's supervision logic, driven by a scripted driver and sampler (no
// threads or processes here; the real ones are in test/integration/engine).

const machine: Machine = { os: 'linux', kernel: 'test', arch: 'x64', cpuModel: 'test', logicalCores: 2, coresObservable: true, runtimes: {} };
const options = { entries: { thread: 't', process: 'p', sampler: 's' }, launcher: { name: 'none', fork: () => { throw new Error('unused'); } } } as EngineOptions;

interface FakeWorker {
  taskId: string;
  posted: ToWorker[];
  send(message: unknown): void;
  exit(exit: Partial<WorkerExit>): void;
  extra(task: ExtraTask, gone?: boolean): void;
  killed: boolean;
}

/** A driver whose workers say hello at once and answer stop with done + a clean exit, unless told to ignore it. */
function fakeKind(behaviour: { ignoreStop?: (taskId: string) => boolean; ignoreKill?: boolean } = {}) {
  const workers: FakeWorker[] = [];
  // Above Linux's pid_max: no real process has these, so the kernel has no account of them.
  let pid = 1 << 30;
  const def: KindDefinition = {
    kind: 'process',
    availability: async () => ({ available: true, reason: null }),
    create: () => ({
      kind: 'process',
      taskKind: 'process',
      spawn(request): WorkerHandle {
        const messageListeners = new Set<(m: unknown) => void>();
        const exitListeners = new Set<(e: WorkerExit) => void>();
        const extraListeners = new Set<(t: ExtraTask, gone: boolean) => void>();
        let gone = false;
        const myPid = ++pid;
        const w: FakeWorker = {
          taskId: request.taskId,
          posted: [],
          killed: false,
          send: (m) => messageListeners.forEach((l) => l(m)),
          exit: (e) => {
            if (gone) return;
            gone = true;
            exitListeners.forEach((l) => l({ code: 0, signal: null, error: null, ...e }));
          },
          extra: (t, g = false) => extraListeners.forEach((l) => l(t, g)),
        };
        workers.push(w);
        setTimeout(() => w.send({ type: 'hello', pid: myPid, tid: myPid, startedAtMono: monoMs() }), 1);
        return {
          pid: myPid,
          phaseSlot: null,
          post(message) {
            w.posted.push(message);
            if (message.type === 'stop' && !behaviour.ignoreStop?.(w.taskId)) {
              setTimeout(() => {
                w.send({ type: 'done', unitsDone: 7 });
                w.exit({ code: 0 });
              }, 1);
            }
          },
          kill() {
            w.killed = true;
            if (!behaviour.ignoreKill) setTimeout(() => w.exit({ code: null, signal: 'SIGKILL' }), 1);
          },
          onMessage: (l) => (messageListeners.add(l), () => messageListeners.delete(l)),
          onExit: (l) => (exitListeners.add(l), () => exitListeners.delete(l)),
          onExtraTask: (l) => (extraListeners.add(l), () => extraListeners.delete(l)),
        };
      },
    }),
  };
  return { def, workers };
}

function fakeSampler() {
  const tracked = new Map<string, TrackedTask>();
  const untracked: string[] = [];
  const sampler: Sampler = {
    tid: 55,
    source: { used: 'proc', refusal: null, cpuBudgetPercent: 3 },
    track: (t) => void tracked.set(t.taskId, t),
    untrack: (id) => void untracked.push(id),
    reportPhase: () => undefined,
    onBatch: () => () => undefined,
    stop: async () => ({ intervalMs: 1, samples: 10, rateHz: 1000, cpuPercent: 1, gaps: 0, maxGapMs: 1, source: 'fake' }),
  };
  return { sampler, tracked, untracked };
}

async function start(params: RunParamsInput, kind: ReturnType<typeof fakeKind>, timing = {}) {
  const s = fakeSampler();
  const events: BridgeEvent[] = [];
  const observed: BridgeEvent[] = [];
  const session = await startSession({
    observer: { onEvent: (e) => observed.push(e) },
    runId: 'r',
    scenarioId: null,
    params: RunParamsSchema.parse(params),
    machine,
    options,
    findKind: () => kind.def,
    createSampler: async () => s.sampler,
    timing: { hangGraceMs: 150, stopGraceMs: 100, spawnGraceMs: 500, progressMs: 10, liveMetricsMs: 20, ...timing },
  });
  session.subscribe((e) => events.push(e));
  return { session, events, observed, ...s };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('session supervision', () => {
  it('spawns, tracks each worker after its hello, starts it, and ends finished after the duration', async () => {
    const kind = fakeKind();
    const { session, tracked, untracked, events } = await start({ workers: 2, durationS: 0.1 }, kind);
    const trace = await session.done;
    expect([...tracked.keys()].sort()).toEqual(['main', 'sampler', 'w0', 'w1']);
    expect(kind.workers.every((w) => w.posted[0]?.type === 'start' && w.posted[1]?.type === 'stop')).toBe(true);
    expect(untracked).toEqual(expect.arrayContaining(['w0', 'w1', 'main', 'sampler']));
    const workers = trace.tasks.filter((t) => t.kind === 'process');
    expect(workers.map((t) => t.exitReason)).toEqual(['finished', 'finished']);
    expect(workers.every((t) => t.startedMs !== null && t.pid !== null)).toBe(true);
    for (const kindName of ['spawn', 'started', 'message-sent', 'message-received', 'exit']) expect(trace.markers.some((m) => m.kind === kindName)).toBe(true);
    expect(trace.metrics?.tasks.find((t) => t.taskId === 'w0')?.unitsDone).toBe(7);
    expect(events.some((e) => e.type === 'progress')).toBe(true);
    expect(events.at(-1)).toMatchObject({ type: 'run-ended', reason: 'finished' });
    // The run's first annotation says how it is observed, the /proc sampler's budget included.
    expect(trace.markers.find((m) => m.kind === 'annotation')?.text).toMatch(/^Scheduling: sampled from \/proc every 1 to 8 ms as its CPU budget \(3% of a core\) allows/);
  });

  it('rejects a malformed message as an error marker and goes on', async () => {
    const kind = fakeKind();
    const { session } = await start({ workers: 1, durationS: 0.1 }, kind);
    await sleep(10);
    kind.workers[0]!.send({ type: 'hello', pid: 'not a number' });
    kind.workers[0]!.send('garbage');
    const trace = await session.done;
    expect(trace.markers.filter((m) => m.kind === 'error' && /malformed/.test(m.text ?? ''))).toHaveLength(2);
    expect(trace.tasks.find((t) => t.id === 'w0')?.exitReason).toBe('finished');
  });

  it('kills a silent worker as hung; the others go on', async () => {
    const kind = fakeKind();
    const { session } = await start({ workers: 2, durationS: 60 }, kind);
    // w1 keeps sending heartbeats, w0 says nothing after its hello.
    // The OS has no account of these fake workers, so the grace stretches with the machine's load: poll.
    const beat = setInterval(() => kind.workers[1]?.send({ type: 'progress', unitsDone: 1, heapBytes: null }), 20);
    await until('w0 killed', () => kind.workers[0]!.killed || undefined, 10_000);
    clearInterval(beat);
    expect(kind.workers[1]!.killed).toBe(false);
    const trace = await session.stop();
    expect(trace.tasks.find((t) => t.id === 'w0')?.exitReason).toBe('hung');
    expect(trace.tasks.find((t) => t.id === 'w1')?.exitReason).toBe('stopped');
    expect(trace.markers.some((m) => m.kind === 'crash' && m.taskId === 'w0')).toBe(true);
  }, 15_000);

  it('kills a worker that does not answer stop as hung, and stop still resolves', async () => {
    const kind = fakeKind({ ignoreStop: (id) => id === 'w1' });
    const { session } = await start({ workers: 2, durationS: 60 }, kind, { hangGraceMs: 10_000 });
    await sleep(20);
    const trace = await session.stop();
    expect(trace.tasks.find((t) => t.id === 'w0')?.exitReason).toBe('stopped');
    expect(trace.tasks.find((t) => t.id === 'w1')?.exitReason).toBe('hung');
    expect(kind.workers[1]!.killed).toBe(true);
  });

  it('ends by itself once every worker finished a fixed amount of work', async () => {
    const kind = fakeKind();
    const { session } = await start({ workers: 2, durationS: 60, workUnits: 5 }, kind);
    await sleep(20);
    for (const w of kind.workers) {
      w.send({ type: 'done', unitsDone: 5 });
      w.exit({ code: 0 });
    }
    const trace = await session.done;
    expect(trace.tasks.filter((t) => t.kind === 'process').map((t) => t.exitReason)).toEqual(['finished', 'finished']);
    expect(trace.run.wallMs).toBeLessThan(10_000);
  });

  it('reports exits it did not ask for: exited, crashed, killed', async () => {
    const kind = fakeKind();
    const { session } = await start({ workers: 3, durationS: 60 }, kind);
    await sleep(20);
    kind.workers[0]!.exit({ code: 3 });
    kind.workers[1]!.send({ type: 'error', message: 'TypeError: boom', stack: null });
    kind.workers[1]!.exit({ code: 1 });
    kind.workers[2]!.exit({ code: null, signal: 'SIGSEGV' });
    const trace = await session.stop();
    expect(trace.tasks.filter((t) => t.kind === 'process').map((t) => t.exitReason)).toEqual(['exited', 'crashed', 'killed']);
    expect(trace.tasks.find((t) => t.id === 'w1')?.exitDetail).toMatch(/TypeError: boom/);
  });

  it('tracks the extra OS tasks a worker brings and ends them with it', async () => {
    const kind = fakeKind();
    const { session, tracked, untracked } = await start({ workers: 1, durationS: 60 }, kind);
    await sleep(20);
    kind.workers[0]!.extra({ key: 'tid:77', kind: 'python-thread', label: 'py thread', pid: (1 << 30) + 1, tid: 77 });
    expect(tracked.get('w0.tid:77')).toMatchObject({ pid: (1 << 30) + 1, tid: 77 });
    const trace = await session.stop();
    const extra = trace.tasks.find((t) => t.id === 'w0.tid:77');
    expect(extra).toMatchObject({ kind: 'python-thread', parentId: 'w0', addressSpace: (1 << 30) + 1 });
    expect(extra?.exitMs).not.toBeNull();
    expect(untracked).toContain('w0.tid:77');
  });

  it('adds a worker of another kind and removes the newest during a run', async () => {
    const kind = fakeKind();
    const { session } = await start({ workers: 1, durationS: 60 }, kind);
    const added = await session.addWorker();
    expect(added).toBe('w1');
    await sleep(10);
    expect(await session.removeWorker()).toBe('w1');
    const trace = await session.stop();
    expect(trace.tasks.find((t) => t.id === 'w1')?.exitReason).toBe('removed');
    await expect(session.addWorker()).rejects.toThrow(/ended/);
  });

  it(`addWorker called 100 times at once: ${LIMITS.maxWorkers - 1} more workers start, every other call is refused`, async () => {
    const kind = fakeKind();
    const { session } = await start({ workers: 1, durationS: 60 }, kind);
    const calls = await Promise.allSettled(Array.from({ length: 100 }, () => session.addWorker()));
    const refused = calls.filter((c) => c.status === 'rejected');
    expect(calls.length - refused.length).toBe(LIMITS.maxWorkers - 1);
    expect(kind.workers).toHaveLength(LIMITS.maxWorkers);
    expect(String((refused[0] as PromiseRejectedResult).reason)).toContain(`at most ${LIMITS.maxWorkers} workers in all`);
    // Removing one gives no room: the cap counts every worker the run started.
    await sleep(10);
    await session.removeWorker();
    await expect(session.addWorker()).rejects.toThrow(/at most/);
    await session.stop();
  });

  it('1,000 random worker messages (seeded fast-check, seed printed on failure) never throw; the run ends as usual', async () => {
    const kind = fakeKind();
    const { session } = await start({ workers: 1, durationS: 60 }, kind);
    await sleep(10);
    const seed = Number(process.env.FUZZ_SEED ?? 20261130);
    const message = fc.oneof(
      fc.anything(),
      fc.record({ type: fc.constantFrom('hello', 'phase', 'progress', 'done', 'error', 'marker', 'other'), pid: fc.anything(), unitsDone: fc.oneof(fc.integer(), fc.double()), message: fc.string(), kind: fc.string(), atMono: fc.double(), heapBytes: fc.oneof(fc.constant(null), fc.double()) }, { requiredKeys: ['type'] }),
    );
    for (const m of fc.sample(message, { seed, numRuns: 1000 })) expect(() => kind.workers[0]!.send(m), `seed ${seed}`).not.toThrow();
    const trace = await session.stop();
    expect(trace.tasks.find((t) => t.id === 'w0')?.exitReason).toBe('stopped');
    expect(trace.markers.some((m) => m.kind === 'error' && /malformed/.test(m.text ?? ''))).toBe(true);
  });

  it('counts a worker gone when even its kill is never confirmed, so stop still resolves', async () => {
    const kind = fakeKind({ ignoreStop: () => true, ignoreKill: true });
    const { session } = await start({ workers: 1, durationS: 60 }, kind, { hangGraceMs: 10_000 });
    await sleep(20);
    const trace = await session.stop();
    expect(trace.tasks.find((t) => t.id === 'w0')?.exitReason).toBe('hung');
  });

  it('its observer hears run-started first and exactly one run-ended last, however the run ends', async () => {
    for (const end of ['duration', 'stop', 'work done'] as const) {
      const kind = fakeKind();
      const { session, observed, events } = await start({ workers: 2, durationS: end === 'duration' ? 0.05 : 60, workUnits: end === 'work done' ? 5 : null }, kind);
      if (end === 'stop') await session.stop();
      if (end === 'work done') {
        await sleep(20);
        for (const w of kind.workers) {
          w.send({ type: 'done', unitsDone: 5 });
          w.exit({ code: 0 });
        }
      }
      await session.done;
      await session.stop(); // idempotent: no second run-ended
      expect(observed[0], end).toMatchObject({ type: 'run-started', run: { runId: 'r' } });
      expect(observed.filter((e) => e.type === 'run-started' || e.type === 'run-ended').map((e) => e.type), end).toEqual(['run-started', 'run-ended']);
      expect(observed.at(-1), end).toMatchObject({ type: 'run-ended', runId: 'r' });
      expect(events.some((e) => e.type === 'run-started'), 'a subscriber after the start gets no replay').toBe(false);
    }
  });

  it('starts the initial workers in batches of at most spawnBatch, arms the duration after the last is up, and records the spawn phase', async () => {
    const kind = fakeKind();
    const { session } = await start({ workers: 6, durationS: 0.05 }, kind, { spawnBatch: 2 });
    expect(kind.workers).toHaveLength(2);
    const trace = await session.done;
    expect(kind.workers).toHaveLength(6);
    const workers = trace.tasks.filter((t) => t.kind === 'process');
    expect(workers.map((t) => t.exitReason)).toEqual(Array(6).fill('finished'));
    // Each worker is requested only after an earlier one of its batch was up.
    const startedAt = workers.map((t) => t.startedMs!).sort((a, b) => a - b);
    workers.forEach((t, i) => {
      if (i >= 2) expect(t.requestedMs).toBeGreaterThanOrEqual(startedAt[i - 2]!);
    });
    const phase = trace.run.spawnPhase!;
    expect(phase).toMatchObject({ workers: 6, batch: 2 });
    expect(phase.startMs).toBeLessThanOrEqual(Math.min(...workers.map((t) => t.requestedMs)));
    expect(phase.endMs).toBeGreaterThanOrEqual(Math.max(...startedAt));
    const texts = trace.markers.filter((m) => m.kind === 'phase' && m.taskId === null).map((m) => m.text);
    expect(texts).toEqual(['spawn phase: 6 workers, at most 2 starting at once', expect.stringMatching(/^spawn phase over: 6 workers up in /)]);
  });

  it('holds the start of initial workers up early until the spawn phase is over; a run of fixed work then ends as usual', async () => {
    const kind = fakeKind();
    const { session } = await start({ workers: 4, durationS: 60, workUnits: 5 }, kind, { spawnBatch: 1 });
    await until('every initial worker spawned', () => kind.workers.length === 4);
    for (let i = 0; i < 4; i++) {
      const w = await until(`worker ${i} started`, () => kind.workers[i]?.posted.some((m) => m.type === 'start') && kind.workers[i]);
      w.send({ type: 'done', unitsDone: 5 });
      w.exit({ code: 0 });
    }
    const trace = await session.done;
    expect(trace.tasks.filter((t) => t.kind === 'process').map((t) => t.exitReason)).toEqual(Array(4).fill('finished'));
    const phaseEnd = trace.run.spawnPhase!.endMs;
    const starts = trace.markers.filter((m) => m.kind === 'message-sent' && m.text === 'start');
    expect(starts).toHaveLength(4);
    // w0 said hello long before w3 was even requested, yet nobody started before the phase was over.
    expect(trace.tasks.find((t) => t.id === 'w0')!.startedMs!).toBeLessThan(trace.tasks.find((t) => t.id === 'w3')!.requestedMs);
    for (const m of starts) expect(m.tMs).toBeGreaterThanOrEqual(phaseEnd);
  });

  it('counts initial workers waiting for their batch against the worker cap', async () => {
    const kind = fakeKind();
    const { session } = await start({ workers: 4, durationS: 60 }, kind, { spawnBatch: 1 });
    const adds = await Promise.allSettled(Array.from({ length: LIMITS.maxWorkers }, () => session.addWorker()));
    expect(adds.filter((a) => a.status === 'fulfilled')).toHaveLength(LIMITS.maxWorkers - 4);
    await until('the initial workers started', () => kind.workers.length === LIMITS.maxWorkers);
    const trace = await session.stop();
    expect(trace.tasks.filter((t) => t.kind === 'process')).toHaveLength(LIMITS.maxWorkers);
  });
});
