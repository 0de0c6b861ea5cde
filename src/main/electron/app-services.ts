import type { BridgeService } from '../../shared';
import { createBridgeService } from '../bridge';
import { createEngine, type Engine } from '../engine';
import type { EntryPaths } from '../engine/entries';
import type { ProcessHost } from '../engine/hosts/process-host';
import type { Preset } from '../presets';
import { trackChildren, type TrackedProcessHost } from './tracked-host';

export interface AppServices {
  engine: Engine;
  service: BridgeService;
  /** The one host every child process of the app starts through (workers and labs). */
  processHost: TrackedProcessHost;
}

export interface AppServicesOptions {
  entries: EntryPaths;
  /** utilityProcess.fork in the app (utility-host.ts). */
  processHost: ProcessHost;
  log(line: string): void;
  /** Presets offered; the registry unless a test passes its own. */
  presets?: readonly Preset[];
}

/**
 * The app's engine and bridge service, wired to ONE process host: the engine
 * forks workload processes with it and the presets fork their lab processes
 * with it, so no part of the app forks any other way (the packaged app's
 * runAsNode fuse forbids child_process.fork), and quitting can end them all.
 */
export function createAppServices(options: AppServicesOptions): AppServices {
  const processHost = trackChildren(options.processHost);
  const { entries } = options;
  const engine = createEngine({ entries, processHost });
  // The window shows only the app's own page, so it may run the user's own program (traceCommand).
  const service = createBridgeService({
    engine,
    presets: options.presets,
    presetExtras: { threadEntry: entries.thread, processHost },
    log: options.log,
    allowTraceCommand: true,
    samplerEntry: entries.sampler,
  });
  return { engine, service, processHost };
}
