import { TraceShelf } from './trace-shelf';
import {
  IN_PROCESS_CALLER,
  readTraceText,
  WORKER_KINDS,
  accessRefusal,
  toChromeTraceJson,
  type WorkerKind,
  type BridgeEvent,
  type BridgeService,
  type CommandName,
  type Machine,
  type SourceChoice,
  type Trace,
} from '../../shared';
import type { Engine } from '../engine/session-api';
import { PRESETS, type Preset } from '../presets';
import { startPlainRun, startPresetRun, type ActiveRun, type PresetExtras, type RunContext } from './active-run';
import { EventHub } from './event-hub';
import { UserError, userMessage } from './messages';
import { listScenarios, plainScenarios, type Availability, type AvailabilityByKind } from './scenarios';
import { kindAvailability } from '../engine/kinds/registry';
import { checkResult, parseCommand, parseCommandName } from './validate';
import { traceCommand } from '../tracer/trace-command';
import { RunSlot } from './run-slot';
import { startTraceRun, type TraceRunner } from './trace-run';
import { roomCommands } from './room-commands';

/** Why traceCommand is refused when the front end did not allow it. */
export const TRACE_COMMAND_REFUSED =
  'Running your own program is only allowed when Corelanes serves loopback only; restart without --host (or with --host 127.0.0.1), or use the desktop app or `corelanes trace -- <command>`';

export interface BridgeServiceOptions {
  engine: Engine;
  /** Presets offered as scenarios; defaults to the registry (read at each call, so late registrations show). */
  presets?: readonly Preset[];
  /** Added to every preset's context: the front end knows where its built thread entry is. */
  presetExtras?: PresetExtras;
  /** Whether a kind can run here (python found, ...); defaults to the engine's kind registry. */
  availability?: (kind: WorkerKind) => Promise<Availability>;
  /** Where internal problems are logged; defaults to stderr. */
  log?: (line: string) => void;
  /**
   * Whether the page may run a program of its choice (traceCommand). Only a
   * front end whose page is trusted as much as the user sets it: the Electron shell,
   * and web mode bound to loopback only. Off unless said.
   */
  allowTraceCommand?: boolean;
  /** The built sampler entry traceCommand samples with (the engine's own). */
  samplerEntry?: string;
  /** The tracer; defaults to src/main/tracer's traceCommand. */
  traceRunner?: TraceRunner;
  /** The exercise folders (read again at each listExercises; the Electron shell adds one it opened). None: no exercises. */
  exerciseDirs?: () => readonly string[];
}

type Args = Record<string, unknown>;

/**
 * The run parameters the caller actually gave. Parsing fills every default
 * (zod applies defaults inside .partial()), which would override a
 * scenario's own parameters, so keep only keys present in the raw input.
 */
function explicitParams(parsed: Args | undefined, raw: unknown): Args {
  const given = (raw as { params?: unknown } | null)?.params;
  if (!parsed || typeof given !== 'object' || given === null) return {};
  return Object.fromEntries(Object.entries(parsed).filter(([key]) => Object.hasOwn(given, key)));
}

/** A trace file the page opened, through the one trace reader (CLI, page, here): bounded, migrated, one line when it is not a trace. */
export function parseTraceText(text: string): Trace {
  const read = readTraceText(text);
  if (!read.ok) throw new UserError(read.error);
  return read.trace;
}

/**
 * The engine side of the bridge contract, shared by the Electron IPC handlers
 * and the WebSocket server: validates every command, runs at most one run at a
 * time, keeps the last trace, and fans the engine's events out to subscribers.
 */
export function createBridgeService(options: BridgeServiceOptions): BridgeService {
  const { engine } = options;
  const log = options.log ?? ((line: string) => console.error(line));
  const presets = (): readonly Preset[] => options.presets ?? PRESETS;
  const hub = new EventHub(log);
  const slot = new RunSlot();
  const shelf = new TraceShelf();
  let disposed = false;
  // The engine owns every run's start and end; the bridge forwards its events and keeps each finished trace.
  const stopObserving = engine.observe({ onEvent: (e) => hub.emit(e), onTrace: (t, whole) => shelf.put(t, whole) });
  const ctx: RunContext = { engine, emit: (e: BridgeEvent) => hub.emit(e), onTrace: (t, whole) => shelf.put(t, whole) };

  const machine = (): Promise<Machine> => engine.machine();
  const availabilityOf = options.availability ?? kindAvailability;
  const availabilityByKind = async (): Promise<AvailabilityByKind> => {
    const answers = await Promise.all(WORKER_KINDS.map((kind) => availabilityOf(kind).catch(() => null)));
    return Object.fromEntries(WORKER_KINDS.flatMap((kind, i) => (answers[i] ? [[kind, { available: answers[i].available, reason: answers[i].reason ?? null }]] : [])));
  };
  const requireTrace = async (): Promise<Trace> => {
    const last = await shelf.whole();
    if (!last) throw new UserError('There is no trace yet: run a scenario or open a trace file first');
    return last;
  };

  const beginRun = async (start: () => ActiveRun): Promise<{ runId: string }> => {
    // The machine record first (its first read probes the Python interpreters): a run's trace names them,
    // and probing while the run starts would compete with its spawns for the cores.
    await machine();
    return slot.begin(start, () => disposed);
  };

  async function startRun(args: Args, raw: unknown): Promise<{ runId: string }> {
    const scenarioId = (args.scenarioId as string | null | undefined) ?? null;
    const params = explicitParams(args.params as Args, raw);
    const preset = scenarioId === null ? undefined : presets().find((p) => p.scenario.id === scenarioId);
    if (preset) {
      if (!preset.scenario.available) throw new UserError(`${preset.scenario.title} is not available here: ${preset.scenario.unavailableReason ?? 'no reason given'}`);
      return beginRun(() => startPresetRun(ctx, preset, options.presetExtras));
    }
    const plain = scenarioId === null ? undefined : plainScenarios(await machine()).find((s) => s.id === scenarioId);
    if (scenarioId !== null && !plain) throw new UserError(`Unknown scenario ${JSON.stringify(scenarioId)}`);
    return beginRun(() => startPlainRun(ctx, { ...plain?.params, ...params }, scenarioId));
  }

  async function startTrace(args: Args): Promise<{ runId: string }> {
    if (!options.allowTraceCommand) throw new UserError(TRACE_COMMAND_REFUSED);
    const samplerEntry = options.samplerEntry;
    if (!samplerEntry) throw new UserError('Running your own program is not set up in this host (no sampler entry)');
    const request = {
      argv: args.argv as string[],
      maxDurationS: (args.maxDurationS as number | null | undefined) ?? null,
      intervalMs: (args.intervalMs as number | undefined) ?? 1,
      source: (args.source as SourceChoice | undefined) ?? 'auto',
      cwd: (args.cwd as string | undefined) ?? process.cwd(),
      samplerEntry,
    };
    return beginRun(() => startTraceRun(ctx, request, options.traceRunner ?? traceCommand));
  }

  const room = roomCommands({ ctx, emit: (e) => hub.emit(e), dirs: options.exerciseDirs, extras: { ...options.presetExtras, samplerEntry: options.samplerEntry }, beginRun });

  const handlers: Record<CommandName, (args: Args, raw: unknown) => unknown> = {
    listScenarios: async () => listScenarios(presets(), await machine().catch(() => null), await availabilityByKind()),
    machineInfo: () => machine(),
    startRun,
    stopRun: () => slot.stop(),
    addWorker: async (args) => ({ taskId: await slot.session().addWorker((args.kind as never) ?? null) }),
    removeWorker: async (args) => ({ taskId: await slot.session().removeWorker((args.taskId as string | null | undefined) ?? null) }),
    // A run that outgrew memory comes back whole from its spill file (Save trace, Perfetto export, showing it again).
    getTrace: (args) => shelf.whole(typeof args.runId === 'string' ? args.runId : undefined),
    loadTrace: (args) => {
      const trace = parseTraceText(args.text as string);
      shelf.put(trace);
      return trace;
    },
    exportChromeTrace: async () => ({ json: toChromeTraceJson(await requireTrace()) }),
    traceCommand: startTrace,
    traceDefaults: () => {
      if (!options.allowTraceCommand) throw new UserError(TRACE_COMMAND_REFUSED);
      return { cwd: process.cwd() };
    },
    ...room.handlers,
    submitPrediction: () => undefined, // answered in invoke: it needs the caller
  };

  return {
    async invoke(name, rawArgs, caller = IN_PROCESS_CALLER) {
      if (disposed) throw new UserError('Corelanes is shutting down');
      // Who may send what: one table (COMMAND_ACCESS) for every transport, checked before anything else.
      const refused = accessRefusal(parseCommandName(name), caller);
      if (refused) throw new UserError(refused);
      const command = parseCommand(name, rawArgs);
      let value: unknown;
      try {
        value =
          command.name === 'submitPrediction'
            ? room.submit(caller, command.args as Args)
            : await handlers[command.name](command.args as Args, rawArgs);
      } catch (error) {
        if (!(error instanceof UserError)) log(`bridge: ${command.name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        throw new UserError(userMessage(error));
      }
      try {
        return checkResult(command.name, value);
      } catch (error) {
        log(`bridge: ${userMessage(error)}`);
        throw new UserError(`${command.name} failed inside Corelanes (logged); please report it`);
      }
    },
    subscribe: (listener) => hub.subscribe(listener),
    disconnected: (caller) => {
      if (caller.connection !== undefined) room.forget(caller.connection);
    },
    exercisesChanged: () => hub.emit({ type: 'exercises-changed' }),
    async dispose() {
      if (disposed) return;
      disposed = true;
      await slot.end(log);
      stopObserving();
      hub.clear();
    },
  };
}
