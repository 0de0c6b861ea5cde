import { HEADER_BYTES, MISC, RECORD, SAMPLE } from './perf-abi';
import type { SwitchRecord } from './types';

/** Where pid/tid, time and cpu sit in the sample_id_all trailer at the end of each record. */
export interface TrailerLayout {
  bytes: number;
  tidAt: number;
  timeAt: number;
  cpuAt: number;
}

/**
 * The trailer's layout for a sample_type, or an error when it lacks what a
 * switch record needs (TID, TIME and CPU). Order per the kernel's
 * __perf_event_header__init_id: TID, TIME, ID, STREAM_ID, CPU, IDENTIFIER.
 */
export function trailerLayout(sampleType: number): TrailerLayout | { error: string } {
  const missing = (['TID', 'TIME', 'CPU'] as const).filter((k) => (sampleType & SAMPLE[k]) === 0);
  if (missing.length > 0) return { error: `sample_type 0x${sampleType.toString(16)} lacks ${missing.join(', ')}` };
  let at = 0;
  const tidAt = at;
  at += 8;
  const timeAt = at;
  at += 8;
  if (sampleType & SAMPLE.ID) at += 8;
  if (sampleType & SAMPLE.STREAM_ID) at += 8;
  const cpuAt = at;
  at += 8;
  if (sampleType & SAMPLE.IDENTIFIER) at += 8;
  return { bytes: at, tidAt, timeAt, cpuAt };
}

export interface ParseResult {
  records: SwitchRecord[];
  /** Well-formed records of types a switch timeline does not use. */
  skipped: number;
  /** Bytes at the end that did not form a whole record (never expected from the kernel). */
  malformedBytes: number;
}

const TWO_32 = 4294967296;
const utf8 = new TextDecoder('utf-8');

/**
 * Decodes raw records as the kernel writes them into a perf ring buffer
 * (each with a sample_id_all trailer). Pure; never throws on bad bytes: what
 * does not form a whole record is counted in malformedBytes.
 *
 * @param baseNs CLOCK_MONOTONIC instant that times are relative to.
 */
export function parseRecords(bytes: Uint8Array, layout: TrailerLayout, baseNs: bigint): ParseResult {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const baseHi = Number(baseNs >> 32n);
  const baseLo = Number(baseNs & 0xffffffffn);
  const records: SwitchRecord[] = [];
  let skipped = 0;
  let off = 0;
  while (off + HEADER_BYTES <= bytes.byteLength) {
    const type = view.getUint32(off, true);
    const misc = view.getUint16(off + 4, true);
    const size = view.getUint16(off + 6, true);
    if (size < HEADER_BYTES || size % 8 !== 0 || off + size > bytes.byteLength) break;
    const body = off + HEADER_BYTES;
    const trailer = off + size - layout.bytes;
    const rec = trailer >= body ? decode(view, type, misc, body, trailer, layout, baseHi, baseLo) : null;
    if (rec) records.push(rec);
    else skipped++;
    off += size;
  }
  return { records, skipped, malformedBytes: bytes.byteLength - off };
}

function decode(
  view: DataView,
  type: number,
  misc: number,
  body: number,
  trailer: number,
  layout: TrailerLayout,
  baseHi: number,
  baseLo: number,
): SwitchRecord | null {
  const pid = view.getUint32(trailer + layout.tidAt, true);
  const tid = view.getUint32(trailer + layout.tidAt + 4, true);
  // u64 minus the base, in two halves: exact as long as the difference is below 2^53 ns (104 days).
  const t = trailer + layout.timeAt;
  const tNs = (view.getUint32(t + 4, true) - baseHi) * TWO_32 + (view.getUint32(t, true) - baseLo);
  const cpu = view.getUint32(trailer + layout.cpuAt, true);
  const bodyBytes = trailer - body;
  switch (type) {
    case RECORD.SWITCH:
    case RECORD.SWITCH_CPU_WIDE: {
      const out = (misc & MISC.SWITCH_OUT) !== 0;
      const rec: SwitchRecord = { type: 'switch', tNs, cpu, pid, tid, out, preempt: out && (misc & MISC.SWITCH_OUT_PREEMPT) !== 0 };
      if (type === RECORD.SWITCH_CPU_WIDE) {
        if (bodyBytes < 8) return null;
        rec.otherPid = view.getUint32(body, true);
        rec.otherTid = view.getUint32(body + 4, true);
      }
      return rec;
    }
    case RECORD.FORK:
    case RECORD.EXIT: {
      if (bodyBytes < 16) return null;
      return {
        type: type === RECORD.FORK ? 'fork' : 'exit',
        tNs,
        cpu,
        pid: view.getUint32(body, true),
        ppid: view.getUint32(body + 4, true),
        tid: view.getUint32(body + 8, true),
        ptid: view.getUint32(body + 12, true),
      };
    }
    case RECORD.COMM: {
      if (bodyBytes < 8) return null;
      const name = new Uint8Array(view.buffer, view.byteOffset + body + 8, bodyBytes - 8);
      const nul = name.indexOf(0);
      return {
        type: 'comm',
        tNs,
        cpu,
        pid: view.getUint32(body, true),
        tid: view.getUint32(body + 4, true),
        comm: utf8.decode(nul >= 0 ? name.subarray(0, nul) : name),
        exec: (misc & MISC.COMM_EXEC) !== 0,
      };
    }
    case RECORD.LOST: {
      if (bodyBytes < 16) return null;
      // u64 count; the high half is never set in practice, kept exact up to 2^53.
      const lost = view.getUint32(body + 12, true) * TWO_32 + view.getUint32(body + 8, true);
      return { type: 'lost', tNs, cpu, lost };
    }
    default:
      return null;
  }
}
