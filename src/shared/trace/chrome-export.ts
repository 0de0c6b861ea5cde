import type { Task } from './schema';
import type { Trace } from './trace-file';

/**
 * Chrome trace-event JSON (the "JSON Array/Object Format" Perfetto UI and
 * chrome://tracing open). One track per task, grouped under its address space
 * (pid); slices are the task's segments named by state; markers are instant
 * events; RSS samples are a counter per address space; annotations are slices
 * on an "Annotations" track group. Times are microseconds.
 */
export interface ChromeTraceEvent {
  name: string;
  ph: 'X' | 'i' | 'M' | 'C';
  pid: number;
  tid?: number;
  ts?: number;
  dur?: number;
  cat?: string;
  s?: 't' | 'p' | 'g';
  args?: Record<string, unknown>;
}

export interface ChromeTrace {
  traceEvents: ChromeTraceEvent[];
  displayTimeUnit: 'ms';
  metadata: Record<string, unknown>;
}

/** Ids Perfetto gets for tasks the OS gave no pid/tid (e.g. a worker that never started): above any real one. */
const SYNTHETIC_ID_BASE = 0x40000000;
/** The track group of people's annotations: just below the synthetic task ids, so never a real pid. */
const ANNOTATIONS_PID = SYNTHETIC_ID_BASE - 1;

const us = (ms: number): number => Math.round(ms * 1000 * 1000) / 1000;

interface TrackIds {
  pid: number;
  tid: number;
}

function assignTracks(tasks: Task[]): Map<string, TrackIds> {
  const tracks = new Map<string, TrackIds>();
  let next = SYNTHETIC_ID_BASE;
  const used = new Set<string>();
  for (const task of tasks) {
    const pid = task.addressSpace ?? task.pid ?? next++;
    let tid = task.tid ?? task.pid ?? next++;
    // Two tasks on one (pid, tid), e.g. a reused tid, would merge tracks: keep them apart.
    while (used.has(`${pid}/${tid}`)) tid = next++;
    used.add(`${pid}/${tid}`);
    tracks.set(task.id, { pid, tid });
  }
  return tracks;
}

function processName(trace: Trace, pid: number, members: Task[]): string {
  const owner = members.find((t) => t.pid === pid && (t.tid === pid || t.tid === null));
  if (owner) return `${owner.label} (pid ${pid})`;
  if (pid >= SYNTHETIC_ID_BASE) return `not started (${members[0]?.label ?? 'task'})`;
  const isApp = members.some((t) => t.kind === 'main' || t.kind === 'sampler' || t.kind === 'thread' || t.kind === 'gil-thread');
  return isApp ? `Corelanes host (pid ${pid})` : `${trace.run.params?.kind ?? 'process'} (pid ${pid})`;
}

/** Builds the Chrome trace-event object of a Corelanes trace. Pure. */
export function toChromeTrace(trace: Trace): ChromeTrace {
  const tracks = assignTracks(trace.tasks);
  const events: ChromeTraceEvent[] = [];

  const byPid = new Map<number, Task[]>();
  trace.tasks.forEach((task) => {
    const { pid } = tracks.get(task.id)!;
    const members = byPid.get(pid);
    if (members) members.push(task);
    else byPid.set(pid, [task]);
  });
  for (const [pid, members] of byPid) {
    events.push({ name: 'process_name', ph: 'M', pid, args: { name: processName(trace, pid, members) } });
  }
  trace.tasks.forEach((task, index) => {
    const { pid, tid } = tracks.get(task.id)!;
    const ids = `${task.pid ?? '?'}/${task.tid ?? '?'}`;
    events.push({ name: 'thread_name', ph: 'M', pid, tid, args: { name: `${task.label} [${task.kind} ${ids}]` } });
    events.push({ name: 'thread_sort_index', ph: 'M', pid, tid, args: { sort_index: index } });
  });

  const timed: ChromeTraceEvent[] = [];
  for (const seg of trace.segments) {
    const track = tracks.get(seg.taskId);
    if (!track || seg.endMs < seg.startMs) continue;
    const name = seg.state === 'running' && seg.core !== null ? `running on core ${seg.core}` : seg.state;
    timed.push({
      name,
      cat: seg.state,
      ph: 'X',
      pid: track.pid,
      tid: track.tid,
      ts: us(seg.startMs),
      dur: us(seg.endMs - seg.startMs),
      args: { state: seg.state, core: seg.core, onCpuMs: seg.onCpuNs / 1e6, waitMs: seg.waitNs / 1e6 },
    });
  }
  for (const marker of trace.markers) {
    const track = marker.taskId === null ? undefined : tracks.get(marker.taskId);
    const args: Record<string, unknown> = { kind: marker.kind };
    if (marker.text) args.text = marker.text;
    if (marker.bytes !== null && marker.bytes !== undefined) args.bytes = marker.bytes;
    if (marker.peerTaskId) args.peerTaskId = marker.peerTaskId;
    const name = marker.text ? `${marker.kind}: ${marker.text}`.slice(0, 120) : marker.kind;
    if (track) timed.push({ name, cat: 'marker', ph: 'i', s: 't', pid: track.pid, tid: track.tid, ts: us(marker.tMs), args });
    else timed.push({ name, cat: 'marker', ph: 'i', s: 'g', pid: 0, tid: 0, ts: us(marker.tMs), args });
  }
  // Annotations: slices on their own tracks (one per overlapping note: complete events on a track must nest).
  const laneEnds: number[] = [];
  for (const note of [...trace.annotations].sort((a, b) => a.startMs - b.startMs)) {
    let lane = laneEnds.findIndex((end) => end <= note.startMs);
    if (lane < 0) lane = laneEnds.push(note.endMs) - 1;
    else laneEnds[lane] = note.endMs;
    const args: Record<string, unknown> = { text: note.text, id: note.id };
    if (note.taskId) args.taskId = note.taskId;
    if (note.arrow) args.arrow = note.arrow;
    timed.push({ name: note.text.slice(0, 120) || 'note', cat: 'annotation', ph: 'X', pid: ANNOTATIONS_PID, tid: lane + 1, ts: us(note.startMs), dur: us(note.endMs - note.startMs), args });
  }
  if (laneEnds.length) {
    events.push({ name: 'process_name', ph: 'M', pid: ANNOTATIONS_PID, args: { name: 'Annotations' } });
    laneEnds.forEach((_, i) => events.push({ name: 'thread_name', ph: 'M', pid: ANNOTATIONS_PID, tid: i + 1, args: { name: `notes ${i + 1}` } }));
  }
  for (const sample of trace.memory) {
    if (sample.taskId) continue; // per-worker heaps would add one counter per task; RSS per address space is the picture
    timed.push({ name: 'RSS (MB)', ph: 'C', pid: sample.addressSpace, ts: us(sample.tMs), args: { rss: sample.rssBytes / 1048576 } });
  }
  timed.sort((a, b) => (a.ts ?? 0) - (b.ts ?? 0));

  return {
    traceEvents: [...events, ...timed],
    displayTimeUnit: 'ms',
    metadata: {
      source: 'corelanes',
      runId: trace.run.runId,
      scenarioId: trace.run.scenarioId,
      startedAt: trace.run.startedAt,
      machine: trace.machine,
      params: trace.run.params,
      ...(trace.run.command ? { command: trace.run.command } : {}),
    },
  };
}

/** The JSON text to write to a .json file for Perfetto UI. */
export function toChromeTraceJson(trace: Trace): string {
  return JSON.stringify(toChromeTrace(trace));
}
