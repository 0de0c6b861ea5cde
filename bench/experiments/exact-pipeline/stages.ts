// The exact source's per-record cost, stage by stage, on synthetic rings (no kernel):
// 2 CPUs, 16 tracked threads cycling run/sleep, 8 untracked. ns per record for each stage.
//   node --import tsx bench/experiments/exact-pipeline/stages.ts
import { parseRecords, trailerLayout } from '../../../src/node/switch-records/parse-records';
import { TimeMerger } from '../../../src/node/switch-records/time-merger';
import { SwitchTimeline } from '../../../src/node/switch-records/switch-timeline';
import type { TimelineInput } from '../../../src/node/switch-records/types';
import { toSegments } from '../../../src/workers/sampler/exact/to-segments';
import { PhaseHistory } from '../../../src/workers/sampler/exact/phase-history';
import { encodeSegmentFrame, decodeSegmentFrame, type Segment } from '../../../src/shared';
import { RecordBytes, SAMPLE_TYPE } from '../../../test/unit/switch-records/record-bytes';

const layout = trailerLayout(SAMPLE_TYPE);
if ('error' in layout) throw new Error(layout.error);
const DRAINS = 200;
const PER_DRAIN_MS = 100;
// One drain's rings: each of 24 tids switches in then out every ~2 ms on its CPU (tid % 2).
function drainBytes(d: number): Buffer[] {
  const rings = [new RecordBytes(), new RecordBytes()];
  const t0 = BigInt(d * PER_DRAIN_MS) * 1_000_000n;
  for (let step = 0; step < PER_DRAIN_MS / 2; step++)
    for (let tid = 100; tid < 124; tid++) {
      if (tid >= 116 && step % 4 !== 0) continue; // untracked threads switch less
      const cpu = tid % 2;
      const t = t0 + BigInt(step) * 2_000_000n + BigInt(tid) * 1000n;
      rings[cpu]!.switchIn({ pid: 1, tid, t, cpu }).switchOut({ pid: 1, tid, t: t + 500_000n, cpu }, step % 3 === 0);
    }
  return rings.map((r) => r.bytes());
}
const inputs = Array.from({ length: DRAINS }, (_, d) => drainBytes(d));
const tracked = new Map(Array.from({ length: 16 }, (_, i) => [100 + i, { taskId: `w${i}`, phases: new PhaseHistory() }]));
for (const t of tracked.values()) t.phases.add(0, 'compute');

const time = { parse: 0, merge: 0, timeline: 0, toSegments: 0, encode: 0, decode: 0 };
let records = 0;
let segmentsOut = 0;
for (let round = 0; round < 3; round++) {
  const merger = new TimeMerger<TimelineInput>();
  const timeline = new SwitchTimeline();
  for (let tid = 100; tid < 124; tid++) timeline.watch(1, tid, 0);
  records = 0;
  segmentsOut = 0;
  Object.keys(time).forEach((k) => (time[k as keyof typeof time] = 0));
  for (let d = 0; d < DRAINS; d++) {
    let t = performance.now();
    for (const ring of inputs[d]!) {
      const parsed = parseRecords(ring, layout, 0n);
      records += parsed.records.length;
      merger.push(parsed.records);
    }
    time.parse += performance.now() - t;
    t = performance.now();
    const ordered = merger.takeBefore(d * PER_DRAIN_MS * 1e6);
    time.merge += performance.now() - t;
    t = performance.now();
    timeline.apply(ordered);
    timeline.cut(d * PER_DRAIN_MS * 1e6);
    const out = timeline.take();
    time.timeline += performance.now() - t;
    t = performance.now();
    const segs: Segment[] = [];
    for (const s of out.segments) {
      const tr = tracked.get(s.tid);
      if (tr) toSegments(s, tr.taskId, tr.phases, segs);
    }
    time.toSegments += performance.now() - t;
    segmentsOut += segs.length;
    t = performance.now();
    const frame = encodeSegmentFrame({ runId: 'sampler', segments: segs });
    time.encode += performance.now() - t;
    t = performance.now();
    decodeSegmentFrame(frame);
    time.decode += performance.now() - t;
  }
}
console.log(`records ${records}, segments ${segmentsOut} (last round)`);
for (const [k, ms] of Object.entries(time)) console.log(k.padEnd(12), ((ms * 1e6) / records).toFixed(0).padStart(6), 'ns/record');
