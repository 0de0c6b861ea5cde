import type { Preset } from './preset';

/** Every preset, in the order the UI and `corelanes run --list` show them. */
export const PRESETS: Preset[] = [];

export function findPreset(id: string): Preset | undefined {
  return PRESETS.find((p) => p.scenario.id === id);
}
