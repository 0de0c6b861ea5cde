import {
  readTrace,
  type BridgeClient,
  type BridgeEvent,
  type Disposer,
  type MenuAction,
  type RunParamsInput,
  type Scenario,
  type WorkerKind,
} from '../../shared';
import { hasConnectionStatus } from '../bridge/connection';
import { ReplayClient } from '../bridge/replay-client';
import { hasInferredStates, loadTraceIntoModel } from '../../timeline/load-trace';
import { TimelineModel } from '../../timeline/model';
import { initialRunState, pushCoreHistory, reduceEvent, type RunState } from './run-state';
import { Store } from './store';

const CORE_HISTORY_MS = 500;

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
  private readonly eventListeners = new Set<(event: BridgeEvent) => void>();
  private readonly menuListeners = new Set<(action: MenuAction) => void>();

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
      case 'run-ended':
        if (event.runId === this.model.runId) {
          this.model.closeGil(event.metrics?.wallMs ?? this.model.endMs);
          if (this.model.tasks.some((t) => t.kind === 'python-thread')) void this.loadInferredStates(event.runId);
        }
        break;
      case 'menu':
        for (const l of this.menuListeners) l(event.action);
        return;
      default:
        break;
    }
    const urgent = event.type === 'run-started' || event.type === 'run-ended' || event.type === 'error';
    this.store.update((s) => reduceEvent(s, event), urgent);
  }

  /**
   * CPython GIL waits are inferred by the engine after the run (marked
   * inferred), so the live stream showed those threads asleep: redraw the run
   * from its final trace when that trace has any.
   */
  private async loadInferredStates(runId: string): Promise<void> {
    const trace = await this.client.invoke('getTrace', {}).catch(() => null);
    if (!trace || trace.run.runId !== runId || this.model.runId !== runId || !hasInferredStates(trace)) return;
    loadTraceIntoModel(this.model, trace);
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

  /** "Run my own program": traces argv (no shell) like a run; the bridge's refusal (e.g. not on loopback) is shown as is. */
  async traceCommand(argv: string[], maxDurationS: number | null): Promise<boolean> {
    return this.begin(() => this.client.invoke('traceCommand', { argv, maxDurationS }), 'Could not trace the program');
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

  /** The last run as trace JSON text, or null (with a message) when there is none. */
  async traceText(): Promise<string | null> {
    try {
      const trace = await this.client.invoke('getTrace', {});
      if (!trace) {
        this.fail('There is no run to save yet. Start a run, then save its trace.');
        return null;
      }
      return JSON.stringify(trace);
    } catch (e) {
      this.fail(`Could not get the trace: ${message(e)}`);
      return null;
    }
  }

  /** Chrome trace event JSON of the last run (opens in ui.perfetto.dev), or null with a message. */
  async chromeTraceText(): Promise<string | null> {
    try {
      return (await this.client.invoke('exportChromeTrace', {})).json;
    } catch (e) {
      this.fail(`Could not export the trace: ${message(e)}`);
      return null;
    }
  }

  /** Opens a trace file the user picked: validated here, then replayed at once into the same views. */
  openTrace(text: string): void {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      this.fail('This file is not JSON. Open a trace saved by Corelanes (corelanes run --out trace.json, or Save trace).');
      return;
    }
    // readTrace says why a file is not a readable trace in words (not a trace, a newer version, damaged at <path>).
    const read = readTrace(json);
    if (!read.ok) {
      this.fail(read.error);
      return;
    }
    this.replay = new ReplayClient(read.trace, { speed: Infinity });
    const off = this.replay.subscribe((e) => this.handle(e));
    this.replay.play();
    off();
  }

  /** `?autostart=1`: the default scenario, 2 CPU-bound processes, then two worker threads join. */
  async autostart(): Promise<void> {
    const ok = await this.start({ workload: 'cpu', kind: 'process', workers: 2, durationS: 10 });
    if (!ok) return;
    for (let i = 0; i < 2; i++) {
      await new Promise((r) => setTimeout(r, 1000));
      if (this.store.get().status !== 'running') return;
      await this.addWorker('thread');
    }
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
