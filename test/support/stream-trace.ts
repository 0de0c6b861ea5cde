import { gzipSync, strToU8 } from 'fflate';
import { streamLineText, TRACE_STREAM_FORMAT, TRACE_STREAM_VERSION, TRACE_VERSION, type StreamLine, type Trace } from '../../src/shared';

/** A single-document trace cut into a streamed file's lines: header, `chunks` chunks by segment time, footer. */
export function streamLinesOf(trace: Trace, chunks = 3): StreamLine[] {
  const end = trace.run.wallMs;
  const cut = (i: number) => (end * i) / chunks;
  const lines: StreamLine[] = [{ format: TRACE_STREAM_FORMAT, version: TRACE_STREAM_VERSION, traceVersion: TRACE_VERSION, machine: trace.machine, run: { ...trace.run, wallMs: 0 } }];
  for (let i = 0; i < chunks; i++) {
    const inChunk = (t: number) => t >= cut(i) && (i === chunks - 1 || t < cut(i + 1));
    lines.push({
      type: 'chunk',
      seq: i,
      untilMs: cut(i + 1),
      tasks: i === 0 ? trace.tasks : [],
      segments: trace.segments.filter((s) => inChunk(s.startMs)),
      markers: trace.markers.filter((m) => inChunk(m.tMs)),
      memory: trace.memory.filter((m) => inChunk(m.tMs)),
    });
  }
  const counts = { segments: trace.segments.length, markers: trace.markers.length, memory: trace.memory.length };
  lines.push({ type: 'end', run: trace.run, tasks: trace.tasks, metrics: trace.metrics, annotations: trace.annotations, revised: null, counts });
  return lines;
}

/** The file's bytes: each line its own gzip member, as the writer makes them; and where each member ends. */
export function streamBytesOf(lines: readonly StreamLine[]): { bytes: Uint8Array; ends: number[] } {
  const members = lines.map((l) => gzipSync(strToU8(streamLineText(l))));
  const bytes = new Uint8Array(members.reduce((n, m) => n + m.length, 0));
  const ends: number[] = [];
  let at = 0;
  for (const m of members) {
    bytes.set(m, at);
    ends.push((at += m.length));
  }
  return { bytes, ends };
}
