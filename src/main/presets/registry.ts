import type { Preset } from './preset';
import { gilCpuThreads } from './gil-cpu-threads';
import { cpuThreads } from './cpu-threads';
import { cpuProcesses } from './cpu-processes';
import { pythonCpuThreads } from './python-cpu-threads';
import { pythonCpuProcesses } from './python-cpu-processes';
import { ioThreads } from './io-threads';
import { ioProcesses } from './io-processes';
import { messageCost } from './message-cost';
import { raceCounter } from './race-counter';
import { crash } from './crash';
import { oversubscribe } from './oversubscribe';
import { spawnCost } from './spawn-cost';
import { pools } from './pools';
import { speedupSweep } from './speedup-sweep';

/** Every preset, in the order the UI and `corelanes run --list` show them. */
export const PRESETS: Preset[] = [
  gilCpuThreads,
  cpuThreads,
  cpuProcesses,
  pythonCpuThreads,
  pythonCpuProcesses,
  ioThreads,
  ioProcesses,
  messageCost,
  raceCounter,
  crash,
  oversubscribe,
  spawnCost,
  pools,
  speedupSweep,
];

export function findPreset(id: string): Preset | undefined {
  return PRESETS.find((p) => p.scenario.id === id);
}
