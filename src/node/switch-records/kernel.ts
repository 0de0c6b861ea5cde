import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { constants } from 'node:os';
import { noAddonRefusal, unsupportedPlatformRefusal, type SwitchRefusal } from './refusal';

/** An mmap'd ring buffer, opaque to JS. */
export type RingHandle = object;

/**
 * The effectful boundary: exactly what the addon (native/src/switch_records.c)
 * does. Failures are negative errno numbers, never exceptions, so tests can
 * inject the kernel's answers here.
 */
export interface PerfKernel {
  /** perf_event_open of a dummy event with switch, task and comm records; fd or -errno. */
  openSwitchEvent(tid: number, cpu: number, inherit: boolean): number;
  /** PERF_EVENT_IOC_SET_OUTPUT: fd's records go into target's ring (same CPU); 0 or -errno. */
  setOutput(fd: number, targetFd: number): number;
  /** 1 + dataPages pages; a ring, or -errno. */
  mapRing(fd: number, dataPages: number): RingHandle | number;
  /**
   * Copies the whole records written since the last read into `into` (at
   * least ringBytes(ring) long) and frees their space; returns the byte count.
   * No allocation: a drain right after a wake-up stays cheap.
   */
  readRing(ring: RingHandle, into: Uint8Array): number;
  /** Size of the ring's data area. */
  ringBytes(ring: RingHandle): number;
  unmapRing(ring: RingHandle): void;
  closeFd(fd: number): number;
  /** sample_type of the events, which fixes the trailer layout. */
  readonly sampleType: number;
  /** kernel.perf_event_paranoid, null when unreadable. */
  paranoid(): number | null;
}

const ADDON = 'corelanes-switch-records';

/** The real kernel through the addon, or why it cannot be used. */
export function loadKernel(): { kernel: PerfKernel } | { refusal: SwitchRefusal } {
  if (process.platform !== 'linux') return { refusal: unsupportedPlatformRefusal(process.platform) };
  let addon: Omit<PerfKernel, 'paranoid'>;
  try {
    addon = createRequire(import.meta.url)(ADDON) as Omit<PerfKernel, 'paranoid'>;
  } catch (e) {
    const why = e instanceof Error ? e.message.split('\n')[0]! : String(e);
    return { refusal: noAddonRefusal(why) };
  }
  return { kernel: { ...addon, paranoid: readParanoid } };
}

function readParanoid(): number | null {
  try {
    const n = Number.parseInt(readFileSync('/proc/sys/kernel/perf_event_paranoid', 'latin1').trim(), 10);
    return Number.isFinite(n) ? n : null;
  } catch {
    return null;
  }
}

const errnoNames = new Map<number, string>(Object.entries(constants.errno).map(([name, n]) => [n, name]));

/** -13 -> 'EACCES'. */
export function errnoName(negative: number): string {
  return errnoNames.get(-negative) ?? `errno ${-negative}`;
}
