import { TASK_STATES, type TaskState } from '../trace/states';
import type { Segment } from '../trace/schema';

/**
 * A `segments` event as one binary WebSocket frame, column by column: web
 * mode's bulk (97% of a live run's bytes as JSON, ~119 B a segment) in
 * about 27 B a segment, and read by the page without JSON.parse or a schema
 * walk per object. Zod-free: the page's decoder checks every value itself.
 *
 * Layout, little-endian (docs/web-mode.md):
 *   "CLSG" · version u8 · flags u8 · count u32 · runId (u16 length + UTF-8)
 *   · task ids (u16 count, each u16 length + UTF-8)
 *   · startMs f64[] · endMs f64[] · onCpuNs u32[]|f64[] · waitNs u32[]|f64[]
 *   · core u8[]|u16[] (all ones = null) · task index u8[]|u16[] · state u8[]
 * flags: 1 wide task index, 2 wide core, 4 ns columns as f64, 8 the columns
 * deflated (raw DEFLATE: web mode compresses each frame once, natively, for
 * every client; the page inflates into a buffer of the size the header
 * implies, so a frame cannot inflate past it). A state byte
 * holds the state's index (low 3 bits) and `inferred` (bits 3-4: 0 absent,
 * 1 true, 2 false), so the page gets the exact object the engine sent.
 */

// Both the page and Node have TextEncoder and TextDecoder; this folder is typed without either environment.
// (No fflate here: the sampler thread encodes these frames and its bundle takes nothing from node_modules.)
declare const TextEncoder: new () => { encode(text: string): Uint8Array };
declare const TextDecoder: new () => { decode(bytes: Uint8Array): string };
const utf8In = new TextEncoder();
const utf8Out = new TextDecoder();
const strToU8 = (s: string): Uint8Array => utf8In.encode(s);
const strFromU8 = (b: Uint8Array): string => utf8Out.decode(b);

/** Inflates raw DEFLATE into `out` (sized from the header), returning what it wrote; the page passes fflate's. */
export type Inflate = (deflated: Uint8Array, out: Uint8Array) => Uint8Array;

export const SEGMENT_FRAME_MAGIC = 'CLSG';
export const SEGMENT_FRAME_VERSION = 1;
const WIDE_TASK = 1;
const WIDE_CORE = 2;
const WIDE_NS = 4;
const DEFLATED = 8;
const HEADER_BYTES = 4 + 1 + 1 + 4;
const MAX_ID_CHARS = 64;
const MAX_CORE = 4095;
/** A deflated frame's columns inflate to at most this (about 1.5M segments): a forged count cannot make the page allocate more. */
const MAX_COLUMN_BYTES = 64 * 1024 * 1024;

export interface SegmentBatch {
  runId: string;
  segments: Segment[];
}

const STATE_INDEX = Object.fromEntries(TASK_STATES.map((state, i) => [state, i])) as Record<TaskState, number>;
const u32 = (v: number): boolean => Number.isInteger(v) && v >= 0 && v <= 0xffff_ffff;

/** `deflate`, when given, compresses the columns (raw DEFLATE). */
export function encodeSegmentFrame(batch: SegmentBatch, deflate?: (columns: Uint8Array) => Uint8Array): Uint8Array<ArrayBuffer> {
  const { segments } = batch;
  const n = segments.length;
  const taskIndex = new Map<string, number>();
  for (const s of segments) if (!taskIndex.has(s.taskId)) taskIndex.set(s.taskId, taskIndex.size);
  const ids = [...taskIndex.keys()].map((id) => strToU8(id));
  const run = strToU8(batch.runId);
  let flags = 0;
  if (taskIndex.size > 0xff) flags |= WIDE_TASK;
  if (segments.some((s) => s.core !== null && s.core >= 0xff)) flags |= WIDE_CORE;
  if (!segments.every((s) => u32(s.onCpuNs) && u32(s.waitNs))) flags |= WIDE_NS;
  const nsBytes = flags & WIDE_NS ? 8 : 4;
  const coreBytes = flags & WIDE_CORE ? 2 : 1;
  const taskBytes = flags & WIDE_TASK ? 2 : 1;
  const headBytes = HEADER_BYTES + 2 + run.length + 2 + ids.reduce((a, id) => a + 2 + id.length, 0);
  const columns = new Uint8Array(n * (16 + 2 * nsBytes + coreBytes + taskBytes + 1));
  if (deflate) flags |= DEFLATED;
  const out = new Uint8Array(headBytes);
  let view = new DataView(out.buffer);
  let at = 0;
  for (const c of SEGMENT_FRAME_MAGIC) out[at++] = c.charCodeAt(0);
  view.setUint8(at++, SEGMENT_FRAME_VERSION);
  view.setUint8(at++, flags);
  view.setUint32(at, n, true);
  at += 4;
  const bytes = (b: Uint8Array): void => {
    view.setUint16(at, b.length, true);
    out.set(b, at + 2);
    at += 2 + b.length;
  };
  bytes(run);
  view.setUint16(at, ids.length, true);
  at += 2;
  ids.forEach(bytes);
  // One pass, each value written at its column's offset (column after column in the frame).
  view = new DataView(columns.buffer);
  const cpuAt = 16 * n;
  const waitAt = cpuAt + nsBytes * n;
  const coreAt = waitAt + nsBytes * n;
  const taskAt = coreAt + coreBytes * n;
  const stateAt = taskAt + taskBytes * n;
  const noCore = coreBytes === 2 ? 0xffff : 0xff;
  for (let i = 0; i < n; i++) {
    const s = segments[i]!;
    view.setFloat64(8 * i, s.startMs, true);
    view.setFloat64(8 * (n + i), s.endMs, true);
    if (nsBytes === 8) {
      view.setFloat64(cpuAt + 8 * i, s.onCpuNs, true);
      view.setFloat64(waitAt + 8 * i, s.waitNs, true);
    } else {
      view.setUint32(cpuAt + 4 * i, s.onCpuNs, true);
      view.setUint32(waitAt + 4 * i, s.waitNs, true);
    }
    const task = taskIndex.get(s.taskId) as number;
    if (coreBytes === 2) view.setUint16(coreAt + 2 * i, s.core ?? noCore, true);
    else view.setUint8(coreAt + i, s.core ?? noCore);
    if (taskBytes === 2) view.setUint16(taskAt + 2 * i, task, true);
    else view.setUint8(taskAt + i, task);
    view.setUint8(stateAt + i, STATE_INDEX[s.state] | (s.inferred === undefined ? 0 : s.inferred ? 8 : 16));
  }
  const body = deflate ? deflate(columns) : columns;
  const frame = new Uint8Array(headBytes + body.length);
  frame.set(out);
  frame.set(body, headBytes);
  return frame;
}

export type DecodedSegments = { ok: true; value: SegmentBatch } | { ok: false; error: string };

class FrameError extends Error {}

/**
 * Reads a segment frame, checking everything a SegmentSchema parse would
 * (lengths, finite non-negative times, known states, cores in range). Never
 * throws: a bad frame gives the reason.
 */
export function decodeSegmentFrame(bytes: Uint8Array, inflate?: Inflate): DecodedSegments {
  try {
    return { ok: true, value: read(bytes, inflate) };
  } catch (error) {
    return { ok: false, error: error instanceof FrameError ? error.message : `unreadable segment frame (${String(error).slice(0, 100)})` };
  }
}

function read(frame: Uint8Array, inflate?: Inflate): SegmentBatch {
  let bytes = frame;
  let view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fail = (why: string): never => {
    throw new FrameError(`bad segment frame: ${why}`);
  };
  if (bytes.length < HEADER_BYTES) fail('shorter than its header');
  if (String.fromCharCode(bytes[0]!, bytes[1]!, bytes[2]!, bytes[3]!) !== SEGMENT_FRAME_MAGIC) fail('not a segment frame');
  if (view.getUint8(4) !== SEGMENT_FRAME_VERSION) fail(`version ${view.getUint8(4)}, this page reads ${SEGMENT_FRAME_VERSION}`);
  const flags = view.getUint8(5);
  if (flags & ~(WIDE_TASK | WIDE_CORE | WIDE_NS | DEFLATED)) fail('unknown flags');
  const n = view.getUint32(6, true);
  let at = HEADER_BYTES;
  const string = (what: string): string => {
    if (at + 2 > bytes.length) fail(`cut inside ${what}`);
    const len = view.getUint16(at, true);
    if (at + 2 + len > bytes.length) fail(`cut inside ${what}`);
    const s = strFromU8(bytes.subarray(at + 2, at + 2 + len));
    at += 2 + len;
    if (s.length < 1 || s.length > MAX_ID_CHARS) fail(`${what} must be 1 to ${MAX_ID_CHARS} characters`);
    return s;
  };
  const runId = string('run id');
  if (at + 2 > bytes.length) fail('cut before its task ids');
  const idCount = view.getUint16(at, true);
  at += 2;
  const ids: string[] = [];
  for (let i = 0; i < idCount; i++) ids.push(string('a task id'));
  const nsBytes = flags & WIDE_NS ? 8 : 4;
  const coreBytes = flags & WIDE_CORE ? 2 : 1;
  const taskBytes = flags & WIDE_TASK ? 2 : 1;
  const columnBytes = n * (16 + 2 * nsBytes + coreBytes + taskBytes + 1);
  if (flags & DEFLATED) {
    if (columnBytes > MAX_COLUMN_BYTES) fail(`${n} segments in one frame`);
    if (!inflate) return fail('its columns are deflated and this reader has no inflater');
    const out = new Uint8Array(columnBytes);
    const inflated = inflate(bytes.subarray(at), out);
    if (inflated.length !== columnBytes) fail(`columns inflate to ${inflated.length} bytes, not ${columnBytes}`);
    bytes = inflated;
    view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    at = 0;
  }
  if (bytes.length - at !== columnBytes) fail(`${bytes.length - at} bytes of columns for ${n} segments`);
  const cols = { start: at, end: at + 8 * n, cpu: at + 16 * n, wait: at + (16 + nsBytes) * n, core: at + (16 + 2 * nsBytes) * n };
  const taskAt = cols.core + coreBytes * n;
  const stateAt = taskAt + taskBytes * n;
  const noCore = coreBytes === 2 ? 0xffff : 0xff;
  const ms = (v: number, what: string): number => (Number.isFinite(v) && v >= 0 ? v : fail(`${what} ${v} is not a time`));
  const ns = (p: number, what: string): number => {
    const v = nsBytes === 8 ? view.getFloat64(p, true) : view.getUint32(p, true);
    return Number.isFinite(v) && v >= 0 ? v : fail(`${what} ${v} is not a duration`);
  };
  const segments: Segment[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const task = taskBytes === 2 ? view.getUint16(taskAt + 2 * i, true) : view.getUint8(taskAt + i);
    const taskId = ids[task] ?? fail(`task index ${task} of ${ids.length}`);
    const packed = view.getUint8(stateAt + i);
    const state: TaskState = TASK_STATES[packed & 7] ?? fail(`state ${packed & 7}`);
    const inferredBits = packed >> 3;
    if (inferredBits > 2) fail(`state byte ${packed}`);
    const rawCore = coreBytes === 2 ? view.getUint16(cols.core + 2 * i, true) : view.getUint8(cols.core + i);
    const core = rawCore === noCore ? null : rawCore <= MAX_CORE ? rawCore : fail(`core ${rawCore}`);
    const segment: Segment = {
      taskId,
      startMs: ms(view.getFloat64(cols.start + 8 * i, true), 'start'),
      endMs: ms(view.getFloat64(cols.end + 8 * i, true), 'end'),
      state,
      core,
      onCpuNs: ns(cols.cpu + nsBytes * i, 'on-CPU'),
      waitNs: ns(cols.wait + nsBytes * i, 'wait'),
    };
    if (inferredBits) segment.inferred = inferredBits === 1;
    segments[i] = segment;
  }
  return { runId, segments };
}
