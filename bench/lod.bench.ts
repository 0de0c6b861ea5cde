// Level of detail (issue 16, DESIGN.md section 10): the cost of painting the
// whole-run view of a long trace from the lanes' summaries (binLane) against
// binning every raw segment (binLaneAt(null, ...): the path every frame took
// before), in the same process and minute. Pure: a synthetic 10-minute run
// built through the model's hot path, no browser. Also: what the summaries
// cost to build and to hold, and how many pixels of the picture differ.
//   npm run bench -- lod          (LOD_SEGMENTS=1000000 for one size)
import { TASK_STATES } from '../src/shared';
import { binLane, binLaneAt, stackColumns, SUMMARY_MAX_COLUMN_SHARE, TimelineModel, LaneColumns } from '../src/timeline';
import type { Task } from '../src/shared';
import { report, type BenchRow } from './lib/report';
import { xorshift32 } from '../src/timeline/xorshift';

const LANES = 16;
const CORES = 4;
const RUN_MS = 600_000;
const COLUMNS = 1280;
const LANE_PX = 24;
const REPEATS = 15;
const SIZES = process.env.LOD_SEGMENTS ? [Number(process.env.LOD_SEGMENTS)] : [1_000_000, 4_000_000];

function task(i: number): Task {
  return { id: `t${i}`, kind: 'thread', label: `t${i}`, pid: 1000, tid: 2000 + i, addressSpace: 1000, parentId: null, workload: 'cpu', requestedMs: 0, startedMs: 0, exitMs: null, exitReason: null, exitDetail: null };
}

/** The page's bench generator (test-hook appendSynthetic): per lane, one segment per slot, 30-90% of it, 60% running. */
function synthetic(count: number, seed = 7): { rows: Float64Array; model: TimelineModel; buildMs: number } {
  const rand = xorshift32(seed);
  const perLane = Math.ceil(count / LANES);
  const span = RUN_MS / perLane;
  const rows = new Float64Array(perLane * LANES * 5);
  let n = 0;
  for (let k = 0; k < perLane; k++) {
    for (let lane = 0; lane < LANES; lane++) {
      const s = k * span + rand() * span * 0.1;
      const e = s + span * (0.3 + rand() * 0.6);
      const state = rand() < 0.6 ? 0 : 1 + Math.floor(rand() * 5);
      rows.set([lane, s, e, state, state === 0 ? Math.floor(rand() * CORES) : -1], n * 5);
      n++;
    }
  }
  const model = new TimelineModel();
  model.reset('lod-bench', { os: 'linux', kernel: '', arch: 'x64', cpuModel: 'bench', logicalCores: CORES, coresObservable: true, runtimes: {} });
  for (let i = 0; i < LANES; i++) model.upsertTask(task(i));
  const t = performance.now();
  for (let i = 0; i < n; i++) {
    const o = i * 5;
    model.appendRaw(rows[o] as number, rows[o + 1] as number, rows[o + 2] as number, rows[o + 3] as number, rows[o + 4] as number, 0);
  }
  model.changed();
  return { rows, model, buildMs: performance.now() - t };
}

/** Pushing the same segments into lanes without summaries: what the summaries add to building. */
function buildWithoutSummaries(rows: Float64Array): number {
  const lanes = Array.from({ length: LANES }, () => new LaneColumns(false));
  const t = performance.now();
  for (let o = 0; o < rows.length; o += 5) (lanes[rows[o] as number] as LaneColumns).push(rows[o + 1] as number, rows[o + 2] as number, rows[o + 3] as number, o);
  return performance.now() - t;
}

const median = (v: number[]) => [...v].sort((a, b) => a - b)[v.length >> 1] as number;

/** One whole-run frame's lane work: bin and stack every lane. */
function frame(lanes: readonly LaneColumns[], categories: number, useSummary: boolean, shares: Float32Array, block: Uint32Array, palette: Uint32Array, pictures?: Uint32Array[]): { ms: number; visited: number } {
  const mpc = RUN_MS / COLUMNS;
  const t = performance.now();
  let visited = 0;
  lanes.forEach((lane, i) => {
    visited += useSummary ? binLane(lane, 0, mpc, COLUMNS, categories, shares) : binLaneAt(null, lane, 0, mpc, COLUMNS, categories, shares);
    stackColumns(shares, COLUMNS, categories, palette, 0xff000000, LANE_PX, block);
    if (pictures) pictures[i] = block.slice(0, COLUMNS * LANE_PX);
  });
  return { ms: performance.now() - t, visited };
}

function measure(lanes: readonly LaneColumns[], categories: number, useSummary: boolean): { ms: number; visited: number; pictures: Uint32Array[] } {
  const shares = new Float32Array(COLUMNS * categories);
  const block = new Uint32Array(COLUMNS * LANE_PX);
  const palette = Uint32Array.from({ length: categories }, (_, k) => 0xff000000 + k * 0x10101 + 1);
  const pictures: Uint32Array[] = [];
  frame(lanes, categories, useSummary, shares, block, palette, pictures);
  const times: number[] = [];
  let visited = 0;
  for (let r = 0; r < REPEATS; r++) {
    const f = frame(lanes, categories, useSummary, shares, block, palette);
    times.push(f.ms);
    visited = f.visited;
  }
  return { ms: median(times), visited, pictures };
}

/** Pixels that differ between two pictures of the lanes, and the largest shift of a colour boundary (rows) in any column. */
function pictureDiff(a: Uint32Array[], b: Uint32Array[]): { differing: number; pixels: number; maxRows: number } {
  let differing = 0;
  let pixels = 0;
  let maxRows = 0;
  a.forEach((pa, i) => {
    const pb = b[i] as Uint32Array;
    for (let c = 0; c < COLUMNS; c++) {
      let inColumn = 0;
      for (let r = 0; r < LANE_PX; r++) if (pa[c * LANE_PX + r] !== pb[c * LANE_PX + r]) inColumn++;
      differing += inColumn;
      maxRows = Math.max(maxRows, inColumn);
    }
    pixels += pa.length;
  });
  return { differing, pixels, maxRows };
}

function laneBytes(lane: LaneColumns): number {
  return lane.start.byteLength + lane.end.byteLength + lane.category.byteLength + lane.segment.byteLength;
}

const rows: BenchRow[] = [];
const notes: string[] = [];
for (const size of SIZES) {
  const built = synthetic(size);
  const { model } = built;
  const plainBuildMs = buildWithoutSummaries(built.rows);
  built.rows = new Float64Array(0);
  const views: [string, LaneColumns[], number][] = [
    [`tasks view (${LANES} lanes)`, model.taskLanes, TASK_STATES.length],
    [`cores view (${CORES} lanes)`, model.coreLanes, LANES],
  ];
  for (const [view, lanes, categories] of views) {
    const raw = measure(lanes, categories, false);
    const lod = measure(lanes, categories, true);
    const diff = pictureDiff(raw.pictures, lod.pictures);
    const summaryBytes = lanes.reduce((s, l) => s + (l.summary?.bytes() ?? 0), 0);
    const segments = lanes.reduce((s, l) => s + l.length, 0);
    rows.push({
      segments: model.segments.length,
      view,
      raw_frame_ms: raw.ms,
      lod_frame_ms: lod.ms,
      speedup: raw.ms / lod.ms,
      raw_visited: raw.visited,
      lod_visited: lod.visited,
      pixels_differing_pct: (100 * diff.differing) / diff.pixels,
      max_rows_in_a_column: diff.maxRows,
      summary_kib_per_lane_built: summaryBytes / lanes.length / 1024,
      summary_vs_lane_bytes: summaryBytes / lanes.reduce((s, l) => s + laneBytes(l), 0),
      summary_bytes_per_segment: summaryBytes / segments,
    });
  }
  notes.push(`${size.toLocaleString('en')} segments: building through the model ${built.buildMs.toFixed(0)} ms (no level is built yet: the first whole-run frame builds one per lane, and pushes keep it from then on); the task lanes' pushes alone, in lanes without summaries, ${plainBuildMs.toFixed(0)} ms`);
}
notes.push(
  `whole ${RUN_MS / 60_000}-minute run in ${COLUMNS} columns (${(RUN_MS / COLUMNS).toFixed(0)} ms each: the ${new LaneColumns().summary?.levelFor((RUN_MS / COLUMNS) * SUMMARY_MAX_COLUMN_SHARE)?.width} ms level); frame = binLane + stackColumns over every lane, median of ${REPEATS}; raw = every segment binned (the path before summaries)`,
  `pixels_differing: lanes ${LANE_PX} px tall, stacked with both methods; max_rows_in_a_column = the most pixels of one column that differ (the bound is 1/8 of a lane per category)`,
);
await report('lod', 'Level of detail: whole-run frame from summaries vs raw segments', rows, notes);
