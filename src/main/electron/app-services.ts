import type { BridgeService } from '../../shared';
import { createBridgeService, type BridgeServiceOptions } from '../bridge';
import { createEngine, type Engine } from '../engine';
import type { EntryPaths } from '../engine/entries';
import type { ProcessLauncher } from '../engine/launchers/process-launcher';
import { trackChildren, type TrackedLauncher } from './tracked-launcher';

export interface AppServices {
  engine: Engine;
  service: BridgeService;
  /** The one launcher every child process of the app starts through (workers and rigs). */
  launcher: TrackedLauncher;
}

export interface AppServicesOptions {
  entries: EntryPaths;
  /** utilityProcess.fork in the app (utility-launcher.ts). */
  launcher: ProcessLauncher;
  log(line: string): void;
  /** Where runs spill once they outgrow memory (userData/spill); the engine removes spill folders there older than SPILL_KEEP_DAYS. */
  spillDir?: string;
  /** Presets offered; the registry unless a test passes its own. */
  presets?: BridgeServiceOptions['presets'];
  /** The exercise folders: the bundled set, `--exercises DIR`, and any the user opened. */
  exerciseDirs?: () => readonly string[];
}

/**
 * The app's engine and bridge service, wired to ONE process launcher: the
 * engine forks workload processes with it and the presets fork their rig
 * processes with it, so no part of the app forks any other way (the packaged
 * app's runAsNode fuse forbids child_process.fork), and quitting can end them all.
 */
export function createAppServices(options: AppServicesOptions): AppServices {
  const launcher = trackChildren(options.launcher);
  const { entries } = options;
  const engine = createEngine({ entries, launcher, spillDir: options.spillDir });
  // The window shows only the app's own page, so it may run the user's own program (traceCommand).
  const service = createBridgeService({
    engine,
    presets: options.presets,
    presetExtras: { threadEntry: entries.thread, launcher },
    log: options.log,
    allowTraceCommand: true,
    samplerEntry: entries.sampler,
    exerciseDirs: options.exerciseDirs,
  });
  return { engine, service, launcher };
}
