import { existsSync, readFileSync } from 'node:fs';
import { arch, availableParallelism, cpus, platform, release } from 'node:os';
import type { Machine } from '../../shared';

/** The machine a trace was recorded on. Cores are observable only where /proc says which core a thread ran on. */
export function readMachine(extraRuntimes: Record<string, string> = {}): Machine {
  const runtimes: Record<string, string> = { node: process.versions.node, v8: process.versions.v8, ...extraRuntimes };
  const electron = (process.versions as Record<string, string | undefined>).electron;
  if (electron) runtimes.electron = electron;
  const chrome = (process.versions as Record<string, string | undefined>).chrome;
  if (chrome) runtimes.chromium = chrome;
  let kernel = release();
  try {
    kernel = readFileSync('/proc/sys/kernel/osrelease', 'utf8').trim() || kernel;
  } catch {
    /* not Linux */
  }
  return {
    os: platform(),
    kernel: kernel.slice(0, 256),
    arch: arch(),
    cpuModel: (cpus()[0]?.model ?? 'unknown').slice(0, 256),
    logicalCores: Math.max(1, availableParallelism()),
    coresObservable: platform() === 'linux' && existsSync('/proc/thread-self/stat'),
    runtimes,
  };
}
