import type { FromSampler, Marker, SamplerStats, Segment } from '../../shared';
import { encodeSegmentFrame } from '../../shared/bridge/segment-columns';

/** The frame format carries a run id; the sampler does not know the run's, and the main side ignores it. */
export const SAMPLER_FRAME_RUN = 'sampler';
import type { AddressSpaceHandle, ObservationSource } from './sources/source';

type MemoryReading = { tMs: number; addressSpace: number; rssBytes: number };

/** What a sampler loop has to send at its next batch: segments, markers, RSS readings and births. */
export class Outbox {
  segments: Segment[] = [];
  markers: Marker[] = [];
  memory: MemoryReading[] = [];
  born: { taskId: string; tMs: number }[] = [];

  /** Posts one batch with the stats, if there is anything to send, and empties the box. The segment frame's buffer is transferred. */
  flush(post: (m: FromSampler, transfer: ArrayBuffer[]) => void, stats: SamplerStats): void {
    if (this.segments.length === 0 && this.markers.length === 0 && this.memory.length === 0 && this.born.length === 0) return;
    const segmentFrame = encodeSegmentFrame({ runId: SAMPLER_FRAME_RUN, segments: this.segments });
    post({ type: 'batch', segmentFrame, markers: this.markers, memory: this.memory, born: this.born, stats }, [segmentFrame.buffer]);
    this.segments = [];
    this.markers = [];
    this.memory = [];
    this.born = [];
  }
}

/** The address spaces (pids) of the tracked tasks, each opened once and closed with its last task; RSS read from them. */
export class AddressSpaces {
  private readonly spaces = new Map<number, { handle: AddressSpaceHandle; users: number }>();

  constructor(private readonly source: ObservationSource) {}

  add(pid: number): void {
    const space = this.spaces.get(pid);
    if (space) space.users++;
    else {
      const h = this.source.openAddressSpace(pid);
      if (h) this.spaces.set(pid, { handle: h, users: 1 });
    }
  }

  release(pid: number): void {
    const space = this.spaces.get(pid);
    if (space && --space.users === 0) {
      space.handle.close();
      this.spaces.delete(pid);
    }
  }

  read(tMs: number, into: MemoryReading[]): void {
    for (const [pid, s] of this.spaces) {
      const rssBytes = s.handle.readRssBytes();
      if (rssBytes !== null) into.push({ tMs, addressSpace: pid, rssBytes });
    }
  }

  closeAll(): void {
    for (const s of this.spaces.values()) s.handle.close();
    this.spaces.clear();
  }
}
