import type { Scenario, Trace, Verdict } from '../../shared';
import type { Engine } from '../engine/session-api';

export interface PresetContext {
  /** Where the preset starts its runs; whoever wants their events observes this engine (Engine.observe). */
  engine: Engine;
  signal?: AbortSignal;
  /**
   * Shortens (or lengthens) each run of the preset, in seconds; presets with
   * several runs scale their own default by it. Tests pass a short value.
   */
  durationS?: number;
  /** Built thread entry, to find the rig workers next to it; found by search when absent. */
  threadEntry?: string;
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
