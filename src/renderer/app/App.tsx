import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { defaultFileName, type MenuAction, type Scenario } from '../../shared';
import { ConnectionBadge, RoleBadge } from '../panels/AccessBadges';
import { ErrorBanner } from '../panels/ErrorBanner';
import { DetailsPanel } from '../panels/DetailsPanel';
import { Legend } from '../panels/Legend';
import { LiveMetrics } from '../panels/LiveMetrics';
import { MemoryView } from '../panels/MemoryView';
import { RunControls } from '../panels/RunControls';
import { RunSummary } from '../panels/RunSummary';
import { RunCompare, type ComparedRun } from '../panels/RunCompare';
import { SessionRuns } from '../panels/SessionRuns';
import { SpeedupPlot } from '../panels/SpeedupPlot';
import { NotesPanel } from '../panels/NotesPanel';
import { ReplayBar } from '../panels/ReplayBar';
import { ExportBar } from '../panels/ExportBar';
import { TimelessResult } from '../panels/TimelessResult';
import { TraceCommand } from '../panels/TraceCommand';
import { VerdictCard, VerdictCompare, VerdictHistory } from '../panels/verdict';
import type { Theme } from '../../timeline/colors';
import type { TimelineViewKind } from '../../timeline/lane-builder';
import { frameScheduler } from '../timeline/scheduler';
import { LIVE_MAX_GAP_MS, LIVE_MIN_GAP_MS } from '../timeline/live-budget';
import { TimelineSection } from '../timeline/TimelineSection';
import type { TimelineHandle } from '../timeline/TimelineView';
import type { StripHandle } from '../timeline/ParallelismStrip';
import { TimelineViewState, type ViewMode } from '../timeline/view-state';
import { ReplayClock } from '../../timeline/replay/replay-clock';
import { driveReplay } from './replay-driver';
import { usePresentationKeys } from './presentation-keys';
import type { AppController } from './controller';
import type { RunState } from './run-state';
import { liveSummary } from './live-summary';
import { isTimeless } from './progress-text';
import { toggleCompared } from './verdict-history';
import { SESSION_RUN_LIMIT, sessionRunTitle } from './session-runs';
import { installTestHook } from './test-hook';
import { initialTheme, saveTheme } from './theme';
import { useSidebar } from './sidebar';
import { ExercisesPanel } from '../exercises/ExercisesPanel';
import { ExerciseStage } from '../exercises/ExerciseStage';
import { useRoomClient } from '../exercises/use-room-client';

/** A run is starting, going on or stopping (the form and the trace buttons wait). */
function isLive(state: RunState): boolean {
  return state.status === 'running' || state.status === 'starting' || state.status === 'stopping';
}

/** Saves a file through the browser's (or Electron's) download path. */
function download(file: { name: string; bytes: Uint8Array<ArrayBuffer> | string } | null): void {
  if (file === null) return;
  const { name, bytes } = file;
  const url = URL.createObjectURL(new Blob([bytes], { type: name.endsWith('.gz') ? 'application/gzip' : 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

interface AppProps {
  controller: AppController;
  transport: string;
  /** Whether ?autostart=1 may start a run (pick-client.ts): never for a link without its token. */
  mayAutostart?: boolean;
}

export function App({ controller, transport, mayAutostart = false }: AppProps) {
  const state = useSyncExternalStore(controller.store.subscribe, controller.store.get);
  const view = useMemo(() => new TimelineViewState(), []);
  const clock = useMemo(() => new ReplayClock(), []);
  const handles = useMemo(() => new Map<TimelineViewKind, TimelineHandle>(), []);
  const strip = useMemo(() => ({ current: null as StripHandle | null }), []);
  const [theme, setTheme] = useState<Theme>(initialTheme);
  const [presentation, setPresentation] = useState(() => new URLSearchParams(location.search).has('presentation'));
  const [mode, setMode] = useState<ViewMode>(() => {
    const v = new URLSearchParams(location.search).get('view');
    return v === 'cores' || v === 'tasks' || v === 'both' ? v : 'both';
  });
  const fileRef = useRef<HTMLInputElement>(null);
  const sidebar = useSidebar();
  const live = isLive(state);
  const room = useRoomClient(controller, state.connection === 'open');
  // Which scenario made the run: a preset without a timeline shows its result where the timeline would be.
  const [scenarios, setScenarios] = useState<Scenario[]>([]);
  useEffect(() => {
    if (state.connection === 'open') void controller.listScenarios().then(setScenarios);
  }, [controller, state.connection]);
  const runScenario = scenarios.find((s) => s.id === state.run?.scenarioId);
  const timeless = runScenario !== undefined && isTimeless(state, runScenario);
  const [compared, setCompared] = useState<string[]>([]);
  const comparedPair = state.verdicts.filter((r) => compared.includes(r.runId));
  const [comparedRuns, setComparedRuns] = useState<string[]>([]);
  // The two runs' traces come from the server when both are ticked (it keeps the session's last runs whole).
  const [runPair, setRunPair] = useState<ComparedRun[]>([]);
  useEffect(() => {
    const picked = comparedRuns.map((id) => state.sessionRuns.find((r) => r.runId === id)).filter((r) => r !== undefined);
    if (picked.length !== 2) return setRunPair([]);
    let current = true;
    void Promise.all(picked.map((r) => controller.sessionTrace(r.runId))).then((traces) => {
      if (!current) return;
      if (traces.some((t) => t === null)) {
        controller.fail(`One of those runs is no longer kept: Corelanes keeps the last ${SESSION_RUN_LIMIT} runs of a session.`);
        setComparedRuns([]);
        return;
      }
      setRunPair(picked.map((run, i) => ({ run, trace: traces[i]! })));
    });
    return () => {
      current = false;
    };
  }, [comparedRuns, state.sessionRuns, controller]);
  // One comparison at a time takes the timeline's place: two runs, or else two verdicts.
  const comparing = runPair.length === 2 || comparedPair.length === 2;

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    // Presentation type grows with the screen: 17 px at 1280 wide, 26 px at 1920 (the page's text does the same in CSS).
    const size = () => view.setTheme(theme, presentation ? Math.round(Math.max(17, Math.min(28, window.innerWidth / 74))) : 12);
    size();
    window.addEventListener('resize', size);
    return () => window.removeEventListener('resize', size);
  }, [theme, presentation, view]);
  useEffect(() => {
    document.documentElement.classList.toggle('presentation', presentation);
    // A projector shows the run's workers, not Corelanes' own threads (the toolbar's filter turns them back on).
    view.setHideOwnThreads(presentation);
  }, [presentation, view]);
  useEffect(() => view.setNotes(state.annotations), [state.annotations, view]);

  useEffect(() => {
    // onEvent first: the preload hands over held events synchronously on the first subscribe.
    // A run announced again (reconnect, replay to a new page) keeps the user's zoom; a new run is framed afresh.
    let framedRun: string | null = null;
    const offs = [
      controller.onEvent((e) => {
        if (e.type === 'run-ended' && e.runId === framedRun) {
          const end = Math.max(controller.model.endMs, e.metrics?.wallMs ?? 0);
          view.endRun(end);
          clock.reset(end);
        }
        if (e.type !== 'run-started' || e.run.runId === framedRun) return;
        clock.reset(0);
        framedRun = e.run.runId;
        // A traced command has no planned length: start from the shortest window and follow it.
        view.startRun(e.run.params ? e.run.params.durationS * 1000 : 0);
      }),
      controller.connect(),
      driveReplay(clock, view),
      pauseWhileHidden(controller),
    ];
    const flags = new URLSearchParams(location.search);
    // The test hook (window.__corelanesBench) exists only when a test or bench asks for it.
    // ?measure-first=1: a link (or the workshop's leader) that asks for the most faithful numbers from the start.
    if (flags.get('measure-first') === '1') view.setMeasureFirst(true);
    // ?live-gap-ms=100: a smooth live view whatever a frame costs (recording a demo), at the cost of cycles the run could use.
    const liveGap = Number(flags.get('live-gap-ms'));
    if (Number.isFinite(liveGap) && liveGap >= LIVE_MIN_GAP_MS && liveGap <= LIVE_MAX_GAP_MS) frameScheduler.fixedLiveGapMs = liveGap;
    if (flags.get('test') === '1') offs.push(installTestHook(controller, view, frameScheduler, handles, clock, strip));
    if (flags.get('autostart') === '1' && mayAutostart) void controller.autostart();
    return () => offs.forEach((off) => off());
  }, [controller, view, handles, clock, strip, mayAutostart]);

  // Save and export, from the header buttons or the menu: only for a finished run (the buttons are disabled otherwise).
  const saveTrace = useCallback(async () => {
    const s = controller.store.get();
    if (s.run && !isLive(s)) download(await controller.traceFile());
  }, [controller]);
  const exportTrace = useCallback(async () => {
    const s = controller.store.get();
    if (!s.run || isLive(s)) return;
    const json = await controller.chromeTraceText();
    if (json !== null) download({ name: defaultFileName(s.run, 'chrome'), bytes: json });
  }, [controller]);

  // Presentation: full screen where the browser allows it (a user's click or key), else just the layout.
  const togglePresentation = useCallback(() => {
    setPresentation((p) => {
      const next = !p;
      if (next && !document.fullscreenElement) document.documentElement.requestFullscreen?.().catch(() => undefined);
      if (!next && document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
      return next;
    });
  }, []);
  const { shownNote } = usePresentationKeys(presentation, togglePresentation, state.annotations, view);

  const toggleTheme = useCallback(() => {
    setTheme((t) => {
      const next = t === 'dark' ? 'light' : 'dark';
      saveTheme(next);
      return next;
    });
  }, []);

  useEffect(
    () =>
      controller.onMenu((action: MenuAction) => {
        const end = controller.model.endMs;
        if (action === 'toggle-theme') toggleTheme();
        else if (action === 'toggle-presentation') togglePresentation();
        else if (action === 'view-cores') setMode('cores');
        else if (action === 'view-tasks') setMode('tasks');
        else if (action === 'timeline-zoom-in') view.key('w', end);
        else if (action === 'timeline-zoom-out') view.key('s', end);
        else if (action === 'timeline-fit') view.key('0', end);
        else if (action === 'save-trace') void saveTrace();
        else if (action === 'export-chrome-trace') void exportTrace();
        else if (action === 'stop-run') void controller.stop();
        else if (action === 'add-worker') void controller.addWorker(null);
        else if (action === 'remove-worker') void controller.removeWorker();
        else if (action === 'start-run') controller.requestStart();
        else if (action === 'view-memory') document.getElementById('memory-title')?.scrollIntoView();
      }),
    [controller, view, toggleTheme, togglePresentation, saveTrace, exportTrace],
  );

  const openFile = async (file: File | undefined) => {
    if (!file) return;
    await controller.openTraceFile(file);
    if (fileRef.current) fileRef.current.value = '';
  };

  return (
    <div className="app">
      <header className="app-header">
        <button type="button" className="sidebar-toggle" onClick={sidebar.toggle} aria-pressed={!sidebar.collapsed} aria-controls="side-panel" title="B: show or hide the side panel (run controls, metrics); the timeline takes the room">
          {sidebar.collapsed ? 'Show panel (B)' : 'Hide panel (B)'}
        </button>
        <h1>Corelanes</h1>
        <ConnectionBadge state={state} transport={transport} />
        <RoleBadge role={state.role} />
        {state.machine && (
          <span className="machine muted">
            {state.machine.logicalCores} cores · {state.machine.cpuModel}
          </span>
        )}
        <span className="spacer" />
        <label className={`file-button${live ? ' disabled' : ''}`} title={live ? 'Stop the run first: an opened trace replaces the live view' : undefined}>
          Open trace
          <input ref={fileRef} type="file" accept=".json,.gz,application/json,application/gzip" disabled={live} onChange={(e) => void openFile(e.target.files?.[0])} />
        </label>
        <button type="button" data-action="save-trace" onClick={() => void saveTrace()} disabled={!state.run || live}>
          Save trace
        </button>
        <button type="button" data-action="export-trace" onClick={() => void exportTrace()} disabled={!state.run || live} title="Chrome trace event JSON for ui.perfetto.dev">
          Export for Perfetto
        </button>
        <button type="button" className="theme-toggle" onClick={toggleTheme} aria-pressed={theme === 'dark'}>
          Dark theme
        </button>
        <button type="button" className="presentation-toggle" onClick={togglePresentation} aria-pressed={presentation} title="P: the timeline fills the screen; arrow keys step through the notes">
          Presentation
        </button>
      </header>
      <ErrorBanner errors={state.errors} onDismiss={() => controller.dismissErrors()} />
      <div className="visually-hidden" role="status" aria-live="polite" data-testid="live-summary">
        {liveSummary(state, timeless ? runScenario : undefined)}
      </div>
      <main className="app-main">
        <aside className="side" id="side-panel" hidden={sidebar.collapsed}>
          {/* What a run shows while it goes on (metrics, memory) sits right under its controls, visible without scrolling at 1280x720. */}
          <RunControls controller={controller} state={state} />
          {!timeless && <VerdictCard verdict={state.verdict} />}
          {!timeless && <RunSummary ended={state.ended} />}
          <MemoryView memory={state.memory} tasks={state.tasks} theme={theme} view={view} />
          {!timeless && <LiveMetrics state={state} clock={clock} model={controller.model} />}
          <ExercisesPanel room={room} role={state.role} busy={live} />
          <TraceCommand controller={controller} state={state} />
          <NotesPanel controller={controller} state={state} view={view} clock={clock} />
          <SessionRuns
            runs={state.sessionRuns}
            shownRunId={state.run?.runId ?? null}
            live={live}
            scenarios={scenarios}
            onShow={(id) => void controller.showSessionRun(id)}
            compared={comparedRuns}
            onToggleCompare={(id) => setComparedRuns((c) => toggleCompared(c, id))}
          />
          <VerdictHistory verdicts={state.verdicts} selected={compared} onToggle={(id) => setCompared((c) => toggleCompared(c, id))} />
          <SpeedupPlot history={state.history} sweep={state.sweepPoints} machine={state.machine} />
        </aside>
        <div className="timeline-column">
          <ExerciseStage room={room} role={state.role} busy={live} connected={state.connection === 'open'} verdict={state.verdict} large={presentation} />
          {runPair.length === 2 ? (
            <RunCompare pair={runPair} titles={runPair.map((r) => sessionRunTitle(r.run, scenarios))} theme={theme} onClose={() => setComparedRuns([])} />
          ) : (
            <VerdictCompare pair={comparedPair} onClose={() => setCompared([])} />
          )}
          {!comparing && timeless && runScenario && <TimelessResult scenario={runScenario} running={live} verdict={state.verdict} />}
          {/* Hidden, not unmounted, while a timeless preset's result or a comparison shows: the timeline keeps its canvases and zoom. */}
          <div className="timeline-wrap" hidden={timeless || comparing}>
            <ReplayBar
              clock={clock}
              enabled={!live && state.run !== null}
              idleText={live ? 'replay when the run ends' : 'no run to replay yet'}
            />
            <ExportBar controller={controller} state={state} view={view} handles={handles} mode={mode} live={live} />
            {presentation && shownNote && (
              <div className="presentation-note" role="note" data-testid="presentation-note">
                {shownNote.text}
              </div>
            )}
            <TimelineSection model={controller.model} view={view} scheduler={frameScheduler} mode={mode} onMode={setMode} handles={handles} strip={strip} />
            <Legend tasks={state.tasks} model={controller.model} theme={theme} view={view} mode={mode} />
            {!presentation && <DetailsPanel view={view} model={controller.model} theme={theme} />}
          </div>
        </div>
      </main>
    </div>
  );
}

/** A hidden page keeps taking events (the run must be whole when it shows) but renders nothing; rAF stops by itself. */
function pauseWhileHidden(controller: AppController): () => void {
  const onVisibility = (): void => controller.store.setPaused(document.visibilityState === 'hidden');
  document.addEventListener('visibilitychange', onVisibility);
  onVisibility();
  return () => document.removeEventListener('visibilitychange', onVisibility);
}
