import { useEffect, useId, useState } from 'react';
import { LIMITS, SOURCE_CHOICES, WORKER_KINDS, WORKLOADS, type RunParamsInput, type SourceChoice, type Scenario, type WorkerKind, type WorkloadName } from '../../shared';
import type { AppController } from '../app/controller';
import { TRACED_PROGRAM_SCENARIO, type RunState } from '../app/run-state';
import { isPreset, isTimeless, isTracedProgram, progressText } from '../app/progress-text';
import { leaderOnlyReason, workerChangeReason } from '../app/access';

const KIND_LABELS: Record<WorkerKind, string> = {
  thread: 'JS worker threads',
  process: 'processes',
  'gil-thread': 'threads with a simulated GIL',
  'python-thread': 'CPython threads',
  'python-process': 'CPython processes',
};

/** The same choices for "Kind" and "Worker type to add". */
const KIND_OPTIONS = WORKER_KINDS.map((k) => (
  <option key={k} value={k}>
    {KIND_LABELS[k]}
  </option>
));

interface Props {
  controller: AppController;
  state: RunState;
}

const SOURCE_LABELS: Record<SourceChoice, string> = {
  auto: 'auto: exact where the kernel allows it',
  exact: "exact: the kernel's switch records",
  proc: '/proc sampling (the fallback)',
};
const SOURCE_TITLE =
  "Where the timeline comes from (docs/sampling.md). exact: every context switch the kernel records, with its core and time, from each task's birth (Linux, perf_event_paranoid <= 2). /proc: the kernel's per-thread counters read up to 1000 times a second, within a CPU budget. auto uses exact where allowed and says why when it falls back; exact fails the run with what would enable it.";

/** Scenario, workload, kind, workers, duration, scheduling source; Start/Stop; add/remove a worker while running; progress. */
export function RunControls({ controller, state }: Props) {
  const [scenarios, setScenarios] = useState<Scenario[]>([]);
  const [scenarioId, setScenarioId] = useState('');
  const [workload, setWorkload] = useState<WorkloadName>('cpu');
  const [kind, setKind] = useState<WorkerKind>('process');
  const [workers, setWorkers] = useState('2');
  const [duration, setDuration] = useState('10');
  const [source, setSource] = useState<SourceChoice>('auto');
  const [addKind, setAddKind] = useState<WorkerKind>('thread');
  const [formError, setFormError] = useState<string | null>(null);
  const base = useId();
  const ids = {
    scenario: `${base}-scenario`,
    workload: `${base}-workload`,
    kind: `${base}-kind`,
    workers: `${base}-workers`,
    duration: `${base}-duration`,
    source: `${base}-source`,
    addKind: `${base}-add-kind`,
  };

  useEffect(() => {
    if (state.connection !== 'open') return;
    let live = true;
    void controller.listScenarios().then((list) => live && setScenarios(list));
    return () => {
      live = false;
    };
  }, [controller, state.connection]);

  const running = state.status === 'running' || state.status === 'starting' || state.status === 'stopping';

  const pickScenario = (id: string) => {
    setScenarioId(id);
    const s = scenarios.find((x) => x.id === id);
    if (!s) return;
    if (s.params.workload) setWorkload(s.params.workload);
    if (s.params.kind) setKind(s.params.kind);
    if (s.params.workers) setWorkers(String(s.params.workers));
    if (s.params.durationS) setDuration(String(s.params.durationS));
  };

  // The form shows what made the run on screen (a run replayed after a reload, or an opened trace), not stale choices.
  const shownRun = state.run;
  useEffect(() => {
    if (!shownRun || shownRun.scenarioId === TRACED_PROGRAM_SCENARIO) return;
    if (shownRun.scenarioId !== null && scenarios.some((s) => s.id === shownRun.scenarioId)) {
      pickScenario(shownRun.scenarioId);
      return;
    }
    if (!shownRun.params) return;
    setScenarioId('');
    setWorkload(shownRun.params.workload);
    setKind(shownRun.params.kind);
    setWorkers(String(shownRun.params.workers));
    setDuration(String(shownRun.params.durationS));
    setSource(shownRun.params.source);
    // Only when another run comes on screen (or the scenario list arrives), never while the user edits the form.
  }, [shownRun?.runId, scenarios]);

  const start = () => {
    const w = Number(workers);
    const d = Number(duration);
    if (!Number.isInteger(w) || w < 1 || w > LIMITS.maxWorkers) {
      setFormError(`Workers must be a whole number from 1 to ${LIMITS.maxWorkers}.`);
      return;
    }
    if (!(d > 0) || d > LIMITS.maxDurationS) {
      setFormError(`Duration must be more than 0 and at most ${LIMITS.maxDurationS} seconds.`);
      return;
    }
    setFormError(null);
    const params: Partial<RunParamsInput> = { workload, kind, workers: w, durationS: d, source };
    void controller.start(params, scenarioId || null);
  };

  // The menu's "Start run" does what this form's Start button does (see AppController.requestStart).
  useEffect(() => controller.provideStart(start));

  const scenario = scenarios.find((s) => s.id === scenarioId);
  const preset = isPreset(scenario);
  // A viewer sees the form (what the leader might run) but cannot send it: the buttons say why.
  const notYours = leaderOnlyReason(state.role, 'startRun');
  const formOff = running || preset || notYours !== null;
  const p = state.progress;
  const runScenario = scenarios.find((s) => s.id === state.run?.scenarioId);
  const addReason = workerChangeReason(state, runScenario, 'addWorker');
  const removeReason = workerChangeReason(state, runScenario, 'removeWorker');
  return (
    <section className="panel run-controls" aria-labelledby="run-controls-title">
      <h2 id="run-controls-title">Run</h2>
      {/* Always rendered (options arrive later), so nothing below moves when the list loads. */}
      <div className="field wide">
        <label htmlFor={ids.scenario}>Scenario</label>
        <select id={ids.scenario} value={scenarioId} onChange={(e) => pickScenario(e.target.value)} disabled={running}>
          <option value="">Custom (the controls below)</option>
          {scenarios.map((s) => (
            <option key={s.id} value={s.id} disabled={!s.available}>
              {s.title}
              {s.available ? '' : ` (unavailable: ${s.unavailableReason ?? 'not on this machine'})`}
            </option>
          ))}
        </select>
      </div>
      {scenario?.claim && <p className="claim">Claim: {scenario.claim}</p>}
      {preset && (
        <p className="preset-note" data-testid="preset-note">
          This preset decides what runs (often several runs of different kinds), so the fields below do not apply. Its verdict comes at the end.
        </p>
      )}
      <div className="field wide">
        <label htmlFor={ids.kind}>Kind</label>
        <select id={ids.kind} value={kind} onChange={(e) => setKind(e.target.value as WorkerKind)} disabled={formOff}>
          {KIND_OPTIONS}
        </select>
      </div>
      <div className="fields three">
        <div className="field">
          <label htmlFor={ids.workload}>Workload</label>
          <select id={ids.workload} value={workload} onChange={(e) => setWorkload(e.target.value as WorkloadName)} disabled={formOff}>
            {WORKLOADS.map((w) => (
              <option key={w} value={w}>
                {w === 'cpu' ? 'CPU-bound' : w === 'io' ? 'I/O-bound' : w}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.workers}>Workers</label>
          <input id={ids.workers} type="number" min={1} max={LIMITS.maxWorkers} step={1} value={workers} onChange={(e) => setWorkers(e.target.value)} disabled={formOff} />
        </div>
        <div className="field">
          <label htmlFor={ids.duration}>Duration</label>
          <span className="with-unit">
            <input id={ids.duration} type="number" min={0.5} max={LIMITS.maxDurationS} step={0.5} value={duration} onChange={(e) => setDuration(e.target.value)} disabled={formOff} />
            <span aria-hidden="true">s</span>
          </span>
        </div>
      </div>
      <div className="field wide">
        <label htmlFor={ids.source}>Scheduling source</label>
        <select id={ids.source} value={source} onChange={(e) => setSource(e.target.value as SourceChoice)} disabled={formOff} title={SOURCE_TITLE}>
          {SOURCE_CHOICES.map((c) => (
            <option key={c} value={c}>
              {SOURCE_LABELS[c]}
            </option>
          ))}
        </select>
      </div>
      {formError && (
        <p className="form-error" role="alert">
          {formError}
        </p>
      )}
      <div className="buttons">
        <button type="button" className="primary" onClick={start} disabled={running || state.connection !== 'open' || notYours !== null} title={notYours ?? undefined}>
          Start run
        </button>
        <button type="button" onClick={() => void controller.stop()} disabled={!running || leaderOnlyReason(state.role, 'stopRun') !== null} title={leaderOnlyReason(state.role, 'stopRun') ?? undefined}>
          Stop run
        </button>
      </div>
      <div className="buttons add-remove">
        <div className="field inline">
          {/* Named so that getByLabel("Kind") and getByLabel("Workers") each find one control. */}
          <label htmlFor={ids.addKind}>Worker type to add</label>
          <select id={ids.addKind} value={addKind} onChange={(e) => setAddKind(e.target.value as WorkerKind)} disabled={notYours !== null}>
            {KIND_OPTIONS}
          </select>
        </div>
        <button
          type="button"
          onClick={() => void controller.addWorker(addKind)}
          disabled={addReason !== null}
          title={addReason ?? undefined}
        >
          Add worker
        </button>
        <button
          type="button"
          onClick={() => void controller.removeWorker()}
          disabled={removeReason !== null}
          title={removeReason ?? undefined}
        >
          Remove worker
        </button>
      </div>
      {p && (
        <div className="progress">
          <progress
            aria-label="Run progress"
            max={Math.max(1, p.durationMs)}
            value={(isTimeless(state, runScenario) || isTracedProgram(state)) && state.status !== 'ended' ? undefined : Math.min(p.elapsedMs, p.durationMs)}
          />
          <span data-testid="progress-text">{progressText(state, p, runScenario)}</span>
        </div>
      )}
      {state.presetRun && state.presetRun.earlier.length > 0 && (state.presetRun.index > 1 || state.presetRun.earlier.length > 1) && (
        // The timeline shows one run at a time: the earlier phases of a multi-run preset stay listed here.
        <details className="preset-phases" data-testid="preset-phases">
          <summary>Runs of this preset so far: {state.presetRun.earlier.length}</summary>
          <ol>
            {state.presetRun.earlier.map((r) => (
              <li key={r.index} value={r.index}>
                {r.workers} · {r.reason}
              </li>
            ))}
          </ol>
        </details>
      )}
    </section>
  );
}
