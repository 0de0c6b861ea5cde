import type { Marker, MemorySample, Segment, Task } from '../../../shared';

/**
 * Everything a run has recorded so far: the trace's body. Segments are
 * run-length encoded by the sampler, so memory stays bounded by state changes,
 * not by samples.
 */
export interface RunRecord {
  tasks: Map<string, Task>;
  segments: Segment[];
  markers: Marker[];
  memory: MemorySample[];
}

export function emptyRecord(): RunRecord {
  return { tasks: new Map(), segments: [], markers: [], memory: [] };
}
