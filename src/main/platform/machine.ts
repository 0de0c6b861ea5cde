import { accessSync, constants } from 'node:fs';
import { arch, availableParallelism, cpus, platform, release, version } from 'node:os';
import type { Machine } from '../../shared';

/** What the OS says about itself, gathered by readMachine(). */
export interface MachineFacts {
  platform: string;
  kernelRelease: string;
  kernelVersion: string;
  arch: string;
  cpuModels: string[];
  logicalCores: number;
  /** /proc/thread-self/schedstat is readable (Linux with schedstats). */
  procSchedstat: boolean;
  versions: Record<string, string | undefined>;
}

/** Pure: the trace's machine record. Cores are observable only on Linux with /proc. */
export function describeMachine(f: MachineFacts, extraRuntimes: Record<string, string> = {}): Machine {
  const runtimes: Record<string, string> = {};
  for (const key of ['node', 'v8', 'electron', 'chrome'] as const) {
    const v = f.versions[key];
    if (v) runtimes[key] = v.slice(0, 128);
  }
  Object.assign(runtimes, extraRuntimes);
  const model = f.cpuModels.find((m) => m.trim().length > 0)?.trim() ?? 'unknown';
  return {
    os: f.platform.slice(0, 64),
    kernel: `${f.kernelRelease} ${f.kernelVersion}`.trim().slice(0, 256),
    arch: f.arch.slice(0, 32),
    cpuModel: model.slice(0, 256),
    logicalCores: Math.max(1, Math.floor(f.logicalCores)),
    coresObservable: f.platform === 'linux' && f.procSchedstat,
    runtimes,
  };
}

function readable(path: string): boolean {
  try {
    accessSync(path, constants.R_OK);
    return true;
  } catch {
    return false;
  }
}

/** The machine this process runs on. */
export function readMachine(extraRuntimes: Record<string, string> = {}): Machine {
  return describeMachine(
    {
      platform: platform(),
      kernelRelease: release(),
      kernelVersion: version(),
      arch: arch(),
      cpuModels: cpus().map((c) => c.model),
      logicalCores: availableParallelism(),
      procSchedstat: readable('/proc/thread-self/schedstat'),
      versions: process.versions,
    },
    extraRuntimes,
  );
}
