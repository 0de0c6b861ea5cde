import type { BridgeEvent, Scenario, Trace, Verdict } from '../../shared';
import type { ProcessHost } from '../engine/hosts/process-host';
import type { Engine } from '../engine/session-api';

export interface PresetContext {
  engine: Engine;
  /** Live events of every run the preset makes, for progress and the timeline. */
  onEvent?: (event: BridgeEvent) => void;
  signal?: AbortSignal;
  /**
   * Shortens (or lengthens) each run of the preset, in seconds; presets with
   * several runs scale their own default by it. Tests pass a short value.
   */
  durationS?: number;
  /** Built thread entry, to find the lab workers next to it; found by search when absent. */
  threadEntry?: string;
  /**
   * How lab processes start: the same host as the engine's workload processes
   * (utilityProcess.fork in Electron, child_process.fork in plain Node).
   */
  processHost: ProcessHost;
}

export interface PresetResult {
  traces: Trace[];
  verdict: Verdict;
}

/** A named scenario that states a claim (DESIGN.md section 1) and measures it, possibly over several runs. */
export interface Preset {
  scenario: Scenario;
  run(context: PresetContext): Promise<PresetResult>;
}
