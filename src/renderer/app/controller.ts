import {
  defaultFileName,
  encodeTraceText,
  GZIP_FROM_BYTES,
  readTraceBytes,
  readTraceText,
  toChromeTraceJson,
  tooLarge,
  TRACE_LIMITS,
  type Annotation,
  type BridgeClient,
  type BridgeEvent,
  type Disposer,
  type MenuAction,
  type Role,
  type RunParamsInput,
  type Scenario,
  type Trace,
  type WorkerKind,
} from '../../shared';
import { nextNoteId, noteFromDraft, type NoteDraft } from './notes';
import { hasConnectionStatus, hasRoleStatus } from '../bridge/connection';
import { ReplayClient } from '../bridge/replay-client';
import { TimelineModel } from '../../timeline/model';
import { initialRunState, pushCoreHistory, reduceEvent, type RunState } from './run-state';
import { addSessionRun, describeSessionRun, SESSION_RUN_LIMIT } from './session-runs';
import { Store } from './store';

const CORE_HISTORY_MS = 500;
/** How often the panels follow what changed: at most every 400 ms, and every second while a run goes on (docs/renderer.md, the live budget). */
const PANEL_GAP_MS = 400;
const LIVE_PANEL_GAP_MS = 1000;

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Wires one BridgeClient to the timeline model (segments, straight to the
 * canvas) and to the React store (everything else, throttled). The panels
 * call its actions; it turns failures into sentences that say what to do.
 */
export class AppController {
  readonly model = new TimelineModel();
  readonly store = new Store<RunState>(initialRunState);
  private replay: ReplayClient | null = null;
  /** The trace file opened last (Save trace and the Perfetto export use it while it is the run shown). */
  private opened: Trace | null = null;
  private readonly eventListeners = new Set<(event: BridgeEvent) => void>();
  private readonly menuListeners = new Set<(action: MenuAction) => void>();
  private formStart: (() => void) | null = null;
  /** True while a trace is replayed into the views: its run-ended is not a new run of the session. */
  private replaying = false;
  /** Runs of this session fetched to show or compare (the last two). */
  private readonly fetched = new Map<string, Trace>();

  constructor(readonly client: BridgeClient) {}

  connect(): Disposer {
    const offs: Disposer[] = [this.client.subscribe((e) => this.handle(e))];
    if (hasConnectionStatus(this.client)) {
      const status = this.client;
      this.store.update((s) => ({ ...s, connection: status.state }), true);
      offs.push(status.onState((connection) => this.store.update((s) => ({ ...s, connection }), true)));
    } else {
      this.store.update((s) => ({ ...s, connection: 'open' }), true);
    }
    if (hasRoleStatus(this.client)) {
      const access = this.client;
      this.store.update((s) => ({ ...s, role: access.role, hasToken: access.hasToken }), true);
      offs.push(access.onRole((role) => this.store.update((s) => ({ ...s, role }), true)));
    } else {
      this.store.update((s) => ({ ...s, role: 'leader' }), true); // the Electron page is the user's own window
    }
    const timer = setInterval(() => this.sampleCores(), CORE_HISTORY_MS);
    offs.push(() => clearInterval(timer));
    void this.client.invoke('machineInfo', {}).then(
      (machine) => this.store.update((s) => ({ ...s, machine: s.machine ?? machine })),
      () => undefined,
    );
    return () => offs.forEach((off) => off());
  }

  /** Every event after the model saw it (the timeline view uses run-started to frame the new run). */
  onEvent(listener: (event: BridgeEvent) => void): Disposer {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  handle(event: BridgeEvent): void {
    this.route(event);
    for (const l of this.eventListeners) l(event);
  }

  private route(event: BridgeEvent): void {
    switch (event.type) {
      case 'run-started':
        this.model.reset(event.run.runId, event.machine);
        this.store.setThrottle(LIVE_PANEL_GAP_MS);
        break;
      case 'task':
        this.model.upsertTask(event.task);
        break;
      case 'segments':
        if (event.runId === this.model.runId) this.model.appendSegments(event.segments);
        return; // nothing for React
      case 'markers':
        if (event.runId === this.model.runId) this.model.appendMarkers(event.markers);
        return;
      case 'revised-segments':
        if (event.runId === this.model.runId) this.model.reviseTaskSegments(event.taskIds, event.segments);
        return;
      case 'run-ended':
        this.store.setThrottle(PANEL_GAP_MS);
        if (event.runId === this.model.runId) {
          this.model.closeGil(event.metrics?.wallMs ?? this.model.endMs);
          this.model.settleRun();
        }
        break;
      case 'menu':
        for (const l of this.menuListeners) l(event.action);
        return;
      case 'trace-file':
        this.openMenuTraceFile(event.name, event.text);
        return;
      default:
        break;
    }
    const urgent = event.type === 'run-started' || event.type === 'run-ended' || event.type === 'verdict' || event.type === 'error';
    this.store.update((s) => reduceEvent(s, event), urgent);
    if (event.type === 'run-ended' && !this.replaying && event.reason !== 'failed') this.listSessionRun(event.runId);
  }

  /** Lists a run that just ended from what this page saw of it (a replayed trace is not a new run of the session). */
  private listSessionRun(runId: string): void {
    const s = this.store.get();
    if (s.run?.runId !== runId || s.tasks.length === 0) return;
    const run = describeSessionRun(s.run, s.tasks, s.ended?.metrics?.wallMs ?? this.model.endMs, s.presetRun?.index ?? null);
    this.store.update((st) => ({ ...st, sessionRuns: addSessionRun(st.sessionRuns, run) }), true);
  }

  /** Electron menu items arrive as events; the page performs them through its own paths. */
  onMenu(listener: (action: MenuAction) => void): Disposer {
    this.menuListeners.add(listener);
    return () => this.menuListeners.delete(listener);
  }

  async listScenarios(): Promise<Scenario[]> {
    try {
      return await this.client.invoke('listScenarios', {});
    } catch (e) {
      this.fail(`Could not list the scenarios: ${message(e)}`);
      return [];
    }
  }

  async start(params: Partial<RunParamsInput>, scenarioId: string | null = null): Promise<boolean> {
    return this.begin(() => this.client.invoke('startRun', { params, scenarioId }), 'Could not start the run');
  }

  /** The run form gives what its Start button does, so the menu's "Start run" does the same. */
  provideStart(start: () => void): Disposer {
    this.formStart = start;
    return () => {
      if (this.formStart === start) this.formStart = null;
    };
  }

  /** "Start run" from the menu or its shortcut: as the form's Start button, and like it, nothing while a run goes on or the link is down. */
  requestStart(): void {
    const s = this.store.get();
    if (s.status === 'running' || s.status === 'starting' || s.status === 'stopping' || s.connection !== 'open') return;
    this.formStart?.();
  }

  /** "Run my own program": traces argv (no shell) like a run; the bridge's refusal (e.g. not on loopback) is shown as is. */
  async traceCommand(argv: string[], maxDurationS: number | null, cwd?: string): Promise<boolean> {
    return this.begin(() => this.client.invoke('traceCommand', { argv, maxDurationS, ...(cwd ? { cwd } : {}) }), 'Could not trace the program');
  }

  /** The folder a program runs in when the page names none (the host's start folder); null when the host does not say (not allowed, or a replay). */
  async traceDefaults(): Promise<{ cwd: string } | null> {
    try {
      return await this.client.invoke('traceDefaults', {});
    } catch {
      return null;
    }
  }

  /** Shows "starting" while `request` asks the engine for a run; on refusal puts the status back and says why. */
  private async begin(request: () => Promise<unknown>, failure: string): Promise<boolean> {
    this.store.update((s) => ({ ...s, status: 'starting', errors: [], presetRun: null }), true);
    try {
      await request();
      return true;
    } catch (e) {
      this.store.update((s) => ({ ...s, status: s.run && s.status === 'starting' ? 'ended' : 'idle' }), true);
      this.fail(`${failure}: ${message(e)}`);
      return false;
    }
  }

  async stop(): Promise<void> {
    this.store.update((s) => (s.status === 'running' ? { ...s, status: 'stopping' } : s), true);
    try {
      await this.client.invoke('stopRun', {});
    } catch (e) {
      this.fail(`Could not stop the run: ${message(e)}. Try again, or close the app to end every worker.`);
    }
  }

  async addWorker(kind: WorkerKind | null): Promise<void> {
    try {
      await this.client.invoke('addWorker', { kind });
    } catch (e) {
      this.fail(`Could not add a worker: ${message(e)}`);
    }
  }

  async removeWorker(): Promise<void> {
    try {
      await this.client.invoke('removeWorker', {});
    } catch (e) {
      this.fail(`Could not remove a worker: ${message(e)}`);
    }
  }

  /** The last run's trace with the notes written here (null, with a message, when there is none). */
  private async traceWithNotes(what: string): Promise<Trace | null> {
    try {
      // An opened trace file is the run shown: save or export it (the engine's last run is another).
      const shown = this.store.get().run?.runId;
      const trace = this.opened && this.opened.run.runId === shown ? this.opened : await this.client.invoke('getTrace', {});
      if (!trace) {
        this.fail(`There is no run to ${what} yet. Start a run, then ${what} its trace.`);
        return null;
      }
      const s = this.store.get();
      return s.run?.runId === trace.run.runId ? { ...trace, annotations: s.annotations } : trace;
    } catch (e) {
      this.fail(`Could not get the trace: ${message(e)}`);
      return null;
    }
  }

  /**
   * The last run as a trace file to save, with its notes: its default name
   * (scenario and date) and its bytes, gzip-compressed when large (as the CLI
   * saves). Null, with a message, when there is no run.
   */
  async traceFile(): Promise<{ name: string; bytes: Uint8Array<ArrayBuffer> } | null> {
    const trace = await this.traceWithNotes('save');
    if (!trace) return null;
    const text = JSON.stringify(trace);
    const gzip = text.length >= GZIP_FROM_BYTES;
    return { name: defaultFileName(trace.run, gzip ? 'trace-gz' : 'trace'), bytes: encodeTraceText(text, gzip) };
  }

  /** The shown run with its notes, for the picture and video exports (null, with a message, when there is none). */
  shownTrace(): Promise<Trace | null> {
    return this.traceWithNotes('export');
  }

  /** Chrome trace event JSON of the last run, notes on an "Annotations" track (opens in ui.perfetto.dev), or null with a message. */
  async chromeTraceText(): Promise<string | null> {
    const trace = await this.traceWithNotes('export');
    return trace ? toChromeTraceJson(trace) : null;
  }

  /** Adds a note (or replaces the one with `id`); returns null, or what to fix. */
  saveNote(draft: NoteDraft, id: string | null = null): string | null {
    const s = this.store.get();
    if (!s.run) return 'Start a run or open a trace first: a note belongs to a run.';
    const notes = s.annotations;
    const note = noteFromDraft(draft, id ?? nextNoteId(notes), s.tasks, Math.max(this.model.endMs, s.metrics?.wallMs ?? 0), id ? notes.length - 1 : notes.length);
    if (typeof note === 'string') return note;
    const annotations = id ? notes.map((n) => (n.id === id ? note : n)) : [...notes, note];
    this.store.update((st) => ({ ...st, annotations }), true);
    return null;
  }

  deleteNote(id: string): void {
    this.store.update((s) => ({ ...s, annotations: s.annotations.filter((n) => n.id !== id) }), true);
  }

  private setNotes(annotations: Annotation[]): void {
    this.store.update((s) => ({ ...s, annotations }), true);
  }

  /**
   * Opens a trace file the user picked (plain or gzip JSON): its size is
   * checked before a byte is read, then the same reader as the CLI's validates
   * it. Old messages go; the open run stays unless the file loads.
   */
  async openTraceFile(file: { name: string; size: number; arrayBuffer(): Promise<ArrayBuffer> }): Promise<void> {
    this.dismissErrors();
    if (file.size > TRACE_LIMITS.maxFileBytes) {
      this.fail(`${file.name}: ${tooLarge('This file', file.size, TRACE_LIMITS.maxFileBytes)}`);
      return;
    }
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await file.arrayBuffer());
    } catch (e) {
      this.fail(`${file.name}: could not be read (${message(e)}).`);
      return;
    }
    this.openTrace(bytes, file.name);
  }

  /** Validates a trace file's content, then replays it at once into the same views. */
  openTrace(content: Uint8Array | string, name?: string): void {
    // The reader says why a file is not a readable trace in words (not a trace, a newer version, cut short, damaged at <path>).
    const read = typeof content === 'string' ? readTraceText(content) : readTraceBytes(content);
    if (!read.ok) {
      this.fail(name ? `${name}: ${read.error}` : read.error);
      return;
    }
    this.showTrace(read.trace);
    // A streamed trace cut mid-run opened up to its last whole chunk: say where it ends (an error marker there too).
    if (read.notice) this.fail(name ? `${name}: ${read.notice}` : read.notice);
  }

  /** Replays a validated trace at once into the same views (an opened file, or a run of this session shown again). */
  private showTrace(trace: Trace): void {
    this.opened = trace;
    this.replay = new ReplayClient(trace, { speed: Infinity });
    const off = this.replay.subscribe((e) => this.handle(e));
    this.replaying = true;
    try {
      this.replay.play();
    } finally {
      this.replaying = false;
      off();
    }
    this.setNotes(trace.annotations);
  }

  /**
   * A run of this session, whole, from the server (which keeps the last few):
   * fetched only when the user shows or compares it. The last two fetched are
   * kept here, so a comparison does not fetch again.
   */
  async sessionTrace(runId: string): Promise<Trace | null> {
    const cached = this.fetched.get(runId);
    if (cached) return cached;
    const trace = await this.client.invoke('getTrace', { runId }).catch(() => null);
    if (!trace || trace.run.runId !== runId) return null;
    this.fetched.set(runId, trace);
    for (const old of this.fetched.keys()) if (this.fetched.size > 2) this.fetched.delete(old);
    return trace;
  }

  /** Shows a run of this session again (never over a live run). */
  async showSessionRun(runId: string): Promise<void> {
    const live = (s: RunState) => s.status === 'starting' || s.status === 'running' || s.status === 'stopping';
    if (live(this.store.get())) return this.fail('Stop the run first: showing another run replaces the live view.');
    const trace = await this.sessionTrace(runId);
    if (!trace) return this.fail(`That run is no longer kept: Corelanes keeps the last ${SESSION_RUN_LIMIT} runs of a session.`);
    if (live(this.store.get())) return this.fail('Stop the run first: showing another run replaces the live view.');
    this.dismissErrors();
    this.showTrace(trace);
  }

  /** File ▸ Open Trace… of the desktop app: the main process read the file; it opens like a picked one, never over a live run. */
  private openMenuTraceFile(name: string, text: string): void {
    const { status } = this.store.get();
    if (status === 'starting' || status === 'running' || status === 'stopping') this.fail('Stop the run first: an opened trace replaces the live view');
    else this.openTrace(text, name);
  }

  /**
   * `?autostart=1`: the default scenario, 2 CPU-bound processes, then two
   * worker threads join. Only for the leader (main.tsx also requires the
   * token in the link just opened, so another site cannot start runs by
   * navigating here).
   */
  async autostart(): Promise<void> {
    const role = await this.roleKnown();
    if (role !== 'leader') return;
    const ok = await this.start({ workload: 'cpu', kind: 'process', workers: 2, durationS: 10 });
    if (!ok) return;
    for (let i = 0; i < 2; i++) {
      await new Promise((r) => setTimeout(r, 1000));
      if (this.store.get().status !== 'running') return;
      await this.addWorker('thread');
    }
  }

  /** The page's role once the server said it (at once for the Electron page); null when the page has no token. */
  private roleKnown(): Promise<Role | null> {
    return new Promise((resolve) => {
      const check = (): boolean => {
        const s = this.store.get();
        if (s.role !== null || !s.hasToken) resolve(s.role);
        return s.role !== null || !s.hasToken;
      };
      if (check()) return;
      const off = this.store.subscribe(() => check() && off());
    });
  }

  fail(text: string): void {
    this.store.update((s) => ({ ...s, errors: [...s.errors.slice(-4), text] }), true);
  }

  dismissErrors(): void {
    this.store.update((s) => ({ ...s, errors: [] }), true);
  }

  private sampleCores(): void {
    const s = this.store.get();
    if (s.status !== 'running' && s.status !== 'stopping') return;
    const end = this.model.endMs;
    const shares: number[] = [];
    for (let c = 0; c < this.model.coreCount(); c++) shares.push(this.model.coreBusyShare(c, Math.max(0, end - CORE_HISTORY_MS), end));
    this.store.update((st) => pushCoreHistory(st, shares));
  }
}
