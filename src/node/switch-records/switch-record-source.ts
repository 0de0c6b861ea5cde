import { readFileSync, readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { parseCpuList } from './cpu-list';
import { errnoName, loadKernel, type PerfKernel, type RingHandle } from './kernel';
import { parseRecords, trailerLayout, type TrailerLayout } from './parse-records';
import { refusalFor, type SwitchRefusal } from './refusal';
import { SwitchTimeline } from './switch-timeline';
import { TimeMerger } from './time-merger';
import type { StateHint, TimelineInput, TimelineOutput } from './types';

export interface SwitchSourceOptions {
  /** Processes to watch: each of their threads now, and every task they create later (inherit). */
  pids: readonly number[];
  /** CLOCK_MONOTONIC ns that all output times are relative to (default: when opened). */
  baseNs?: bigint;
  /** Data pages of each per-CPU ring, a power of two (default 64: 256 KiB with 4 KiB pages). */
  dataPages?: number;
  /** The boundary to the kernel (default: the addon); tests inject its refusals here. */
  kernel?: PerfKernel;
  /** CPUs to open events on (default: /sys/devices/system/cpu/online). */
  cpus?: readonly number[];
  /**
   * Threads of the watched processes not to watch: the reader's own thread,
   * whose every wake-up would otherwise add its own records and the kernel's
   * perf work on its switches to the observer's cost. Its CPU is its schedstat.
   * Inherit follows the creator: what a left-out thread creates is not watched
   * either, so leave out only threads that create nothing.
   */
  exceptTids?: readonly number[];
}

export type SwitchSourceOpen = { ok: true; source: SwitchRecordSource } | { ok: false; refusal: SwitchRefusal };

export interface SwitchSourceStats {
  /** perf events open (tasks watched directly x CPUs); inherited ones cost no fd. */
  events: number;
  rings: number;
  bytes: number;
  records: number;
  /** Records of types the timeline does not use. */
  skipped: number;
  malformedBytes: number;
  /** Records the kernel dropped because a ring was full (LOST records). */
  lostRecords: number;
  /** Records that contradicted a task's known state. */
  anomalies: number;
  /** Records that came after younger ones had been released (read too late to be merged in order). */
  lateRecords: number;
  drains: number;
}

interface Ring {
  cpu: number;
  fd: number;
  handle: RingHandle;
  /** Where each read lands, as large as the ring. */
  into: Uint8Array;
}

const DEFAULT_DATA_PAGES = 64;
/** Tried when the locked-memory budget refuses the default ring size. */
const SMALL_DATA_PAGES = 8;
/** Threads can appear while the existing ones are being attached: list them again, at most this often. */
const ATTACH_ROUNDS = 5;

/**
 * Exact scheduling from the kernel's context-switch records (DESIGN.md
 * section 5): one perf event per watched thread and CPU, with inherit so every
 * thread and process created later is covered from its birth; one mmap'd ring
 * per CPU that every event of that CPU writes into. drain() turns what the
 * kernel wrote into segments, one drain behind the reads so records of all
 * CPUs are merged in time order. Never throws: a refusal says why and what
 * would enable it.
 */
export class SwitchRecordSource {
  private readonly rings = new Map<number, Ring>();
  private readonly fds: number[] = [];
  private readonly attached = new Set<number>();
  /** Tids seen in FORK records: covered by inherit, no event of their own needed. */
  private readonly born = new Set<number>();
  private readonly merger = new TimeMerger<TimelineInput>();
  private readonly timeline = new SwitchTimeline();
  private readonly layout: TrailerLayout;
  private lastReadNs: number;
  private closed = false;
  private readonly counts = { bytes: 0, records: 0, skipped: 0, malformedBytes: 0, lostRecords: 0, drains: 0 };

  private constructor(
    private readonly kernel: PerfKernel,
    private readonly cpus: readonly number[],
    private readonly dataPages: number,
    readonly baseNs: bigint,
    layout: TrailerLayout,
    private readonly except: ReadonlySet<number>,
  ) {
    this.layout = layout;
    this.lastReadNs = this.nowNs();
  }

  static open(options: SwitchSourceOptions): SwitchSourceOpen {
    const baseNs = options.baseNs ?? process.hrtime.bigint();
    let kernel = options.kernel;
    if (!kernel) {
      const loaded = loadKernel();
      if ('refusal' in loaded) return { ok: false, refusal: loaded.refusal };
      kernel = loaded.kernel;
    }
    const layout = trailerLayout(kernel.sampleType);
    if ('error' in layout) return { ok: false, refusal: { reason: 'failed', errno: null, message: `switch records: ${layout.error}`, enable: null } };
    const pages = options.dataPages ?? DEFAULT_DATA_PAGES;
    if (!Number.isInteger(pages) || pages < 1 || (pages & (pages - 1)) !== 0 || pages > 65536) {
      return { ok: false, refusal: { reason: 'failed', errno: null, message: `dataPages must be a power of two up to 65536, got ${pages}`, enable: null } };
    }
    const source = new SwitchRecordSource(kernel, options.cpus ?? onlineCpus(), pages, baseNs, layout, new Set(options.exceptTids ?? []));
    for (const pid of options.pids) {
      const refusal = source.attach(pid);
      if (refusal) {
        source.close();
        return { ok: false, refusal };
      }
    }
    return { ok: true, source };
  }

  /** CLOCK_MONOTONIC now, in ns since baseNs. */
  nowNs(): number {
    return Number(process.hrtime.bigint() - this.baseNs);
  }

  /**
   * Watches a running process: every thread it has now (listed again until
   * no new one appears) and, through inherit, every task it creates later.
   */
  attach(pid: number): SwitchRefusal | null {
    if (this.closed) return { reason: 'failed', errno: null, message: 'the switch-record source is closed', enable: null };
    for (let round = 0; round < ATTACH_ROUNDS; round++) {
      const tids = threadsOf(pid);
      if (tids === null) return { reason: 'failed', errno: 'ESRCH', message: `process ${pid} is gone`, enable: null };
      this.readRings();
      const fresh = tids.filter((tid) => !this.attached.has(tid) && !this.born.has(tid) && !this.except.has(tid));
      if (fresh.length === 0) return null;
      for (const tid of fresh) {
        const refusal = this.attachThread(pid, tid);
        if (refusal) return refusal;
      }
    }
    return null;
  }

  /** What a /proc read says about a task; it settles the state of a task that has not switched yet. */
  hint(h: Omit<StateHint, 'type'>): void {
    if (!this.closed) this.merger.push([{ type: 'hint', ...h }]);
  }

  /** Reads every ring; returns what is final: everything before the previous drain's read. */
  drain(options: { cut?: boolean } = {}): TimelineOutput {
    if (this.closed) return { segments: [], events: [], lost: [] };
    const readAt = this.nowNs();
    this.readRings();
    this.counts.drains++;
    this.timeline.apply(this.merger.takeBefore(this.lastReadNs));
    if (options.cut ?? true) this.timeline.cut(this.lastReadNs);
    this.lastReadNs = readAt;
    return this.timeline.take();
  }

  /** Reads the rings one last time, closes every task's span now, releases the events. */
  close(): TimelineOutput {
    if (this.closed) return { segments: [], events: [], lost: [] };
    this.readRings();
    this.timeline.apply(this.merger.takeAll());
    this.timeline.finish(this.nowNs());
    for (const ring of this.rings.values()) this.kernel.unmapRing(ring.handle);
    for (const fd of this.fds) this.kernel.closeFd(fd);
    this.rings.clear();
    this.fds.length = 0;
    this.closed = true;
    return this.timeline.take();
  }

  /** Running ns of a tid in the segments produced so far. */
  runningNs(tid: number): number {
    return this.timeline.runningNs(tid);
  }

  stats(): SwitchSourceStats {
    return { ...this.counts, events: this.fds.length, rings: this.rings.size, anomalies: this.timeline.anomalies, lateRecords: this.merger.late };
  }

  private attachThread(pid: number, tid: number): SwitchRefusal | null {
    const opened: number[] = [];
    const fail = (refusal: SwitchRefusal | null): SwitchRefusal | null => {
      for (const fd of opened) this.kernel.closeFd(fd);
      return refusal;
    };
    for (const cpu of this.cpus) {
      const fd = this.kernel.openSwitchEvent(tid, cpu, true);
      if (fd < 0) {
        const errno = errnoName(fd);
        // The thread ended meanwhile: nothing to watch.
        if (errno === 'ESRCH') return fail(null);
        return fail(refusalFor('open', errno, this.kernel.paranoid()));
      }
      opened.push(fd);
      const ring = this.rings.get(cpu);
      if (ring) {
        const err = this.kernel.setOutput(fd, ring.fd);
        if (err < 0) return fail(refusalFor('open', errnoName(err), this.kernel.paranoid()));
        continue;
      }
      const handle = this.mapRing(fd);
      if (typeof handle === 'number') return fail(refusalFor('mmap', errnoName(handle), this.kernel.paranoid()));
      this.rings.set(cpu, { cpu, fd, handle, into: new Uint8Array(this.kernel.ringBytes(handle)) });
    }
    this.fds.push(...opened);
    this.attached.add(tid);
    // From now on every switch of this thread, on every CPU, is recorded.
    this.timeline.watch(pid, tid, this.nowNs());
    return null;
  }

  private mapRing(fd: number): RingHandle | number {
    const first = this.kernel.mapRing(fd, this.dataPages);
    if (typeof first !== 'number' || this.dataPages <= SMALL_DATA_PAGES) return first;
    const errno = errnoName(first);
    return errno === 'EPERM' || errno === 'ENOMEM' ? this.kernel.mapRing(fd, SMALL_DATA_PAGES) : first;
  }

  private readRings(): void {
    for (const ring of this.rings.values()) {
      const n = this.kernel.readRing(ring.handle, ring.into);
      if (n <= 0) continue;
      const bytes = ring.into.subarray(0, n);
      const parsed = parseRecords(bytes, this.layout, this.baseNs);
      this.counts.bytes += bytes.byteLength;
      this.counts.records += parsed.records.length;
      this.counts.skipped += parsed.skipped;
      this.counts.malformedBytes += parsed.malformedBytes;
      for (const r of parsed.records) {
        if (r.type === 'fork') this.born.add(r.tid);
        else if (r.type === 'lost') this.counts.lostRecords += r.lost;
      }
      this.merger.push(parsed.records);
    }
  }
}

function threadsOf(pid: number): number[] | null {
  try {
    return readdirSync(`/proc/${pid}/task`).map(Number).filter(Number.isInteger);
  } catch {
    return null;
  }
}

function onlineCpus(): number[] {
  try {
    const cpus = parseCpuList(readFileSync('/sys/devices/system/cpu/online', 'latin1'));
    if (cpus && cpus.length > 0) return cpus;
  } catch {
    /* fall through */
  }
  return Array.from({ length: availableParallelism() }, (_, i) => i);
}
