import type { SourceChoice } from '../../../shared';
import type { PresetContext } from '../../presets/preset';

/** Where commander says an option's value came from ('cli' when the user typed it). */
export type OptionSource = (name: string) => string | undefined;

export interface PresetOverrides {
  /** The user's --duration, when typed: each of the preset's runs is this long (presets scale their own default by it). */
  durationS?: number;
  /** The sampling interval for every run the preset starts: the user's --interval-ms, else the CLI default. */
  intervalMs: number;
}

/**
 * What the CLI options change in a preset. The --duration default (3 s) must not
 * reach the preset, or every preset would lose its own default length; only a
 * typed value does.
 */
export function presetOverrides(opts: { duration: number; intervalMs: number }, sourceOf: OptionSource): PresetOverrides {
  return sourceOf('duration') === 'cli' ? { durationS: opts.duration, intervalMs: opts.intervalMs } : { intervalMs: opts.intervalMs };
}

/** The engine a preset sees: every run it starts samples at the CLI's interval and source unless the preset chose them. */
export function withIntervalDefault(engine: PresetContext['engine'], intervalMs: number, source: SourceChoice = 'auto'): PresetContext['engine'] {
  return { ...engine, startRun: async (params, scenarioId) => engine.startRun({ ...params, intervalMs: params.intervalMs ?? intervalMs, source: params.source ?? source }, scenarioId) };
}

/** Options a preset decides itself: typed with a preset they are ignored, with one warning. */
const PRESET_DECIDES: [option: string, flag: string][] = [
  ['kind', '--kind'],
  ['workers', '--workers'],
  ['workload', '--workload'],
  ['memoryMb', '--memory-mb'],
  ['workUnits', '--work-units'],
];

/** The flags the user typed that a preset ignores (it chooses kind, workers, workload itself). */
export function ignoredByPreset(sourceOf: OptionSource): string[] {
  return PRESET_DECIDES.filter(([name]) => sourceOf(name) === 'cli').map(([, flag]) => flag);
}
