import { MISC, RECORD, SAMPLE } from '../../../src/node/switch-records/perf-abi';

/** The addon's sample_type: trailer = pid/tid, time, cpu/res. */
export const SAMPLE_TYPE = SAMPLE.TID | SAMPLE.TIME | SAMPLE.CPU;

interface Trailer {
  pid: number;
  tid: number;
  t: bigint;
  cpu: number;
}

/**
 * Writes records as the kernel does into a ring (header, body, sample_id_all
 * trailer; sizes padded to 8), for hand-made edge cases the real kernel
 * rarely produces on demand.
 */
export class RecordBytes {
  private readonly parts: Buffer[] = [];

  constructor(private readonly extraTrailer: { id?: boolean; identifier?: boolean } = {}) {}

  switchIn(tr: Trailer): this {
    return this.record(RECORD.SWITCH, 0, Buffer.alloc(0), tr);
  }

  switchOut(tr: Trailer, preempt: boolean): this {
    return this.record(RECORD.SWITCH, MISC.SWITCH_OUT | (preempt ? MISC.SWITCH_OUT_PREEMPT : 0), Buffer.alloc(0), tr);
  }

  switchCpuWide(tr: Trailer, out: boolean, other: { pid: number; tid: number }): this {
    const body = Buffer.alloc(8);
    body.writeUInt32LE(other.pid, 0);
    body.writeUInt32LE(other.tid, 4);
    return this.record(RECORD.SWITCH_CPU_WIDE, out ? MISC.SWITCH_OUT : 0, body, tr);
  }

  task(kind: 'fork' | 'exit', ids: { pid: number; ppid: number; tid: number; ptid: number }, tr: Trailer): this {
    const body = Buffer.alloc(24);
    body.writeUInt32LE(ids.pid, 0);
    body.writeUInt32LE(ids.ppid, 4);
    body.writeUInt32LE(ids.tid, 8);
    body.writeUInt32LE(ids.ptid, 12);
    body.writeBigUInt64LE(tr.t, 16);
    return this.record(kind === 'fork' ? RECORD.FORK : RECORD.EXIT, 0, body, tr);
  }

  comm(name: string, exec: boolean, tr: Trailer): this {
    const text = Buffer.from(name + '\0', 'utf8');
    const body = Buffer.alloc(8 + Math.ceil(text.length / 8) * 8);
    body.writeUInt32LE(tr.pid, 0);
    body.writeUInt32LE(tr.tid, 4);
    text.copy(body, 8);
    return this.record(RECORD.COMM, exec ? MISC.COMM_EXEC : 0, body, tr);
  }

  lost(count: number, tr: Trailer): this {
    const body = Buffer.alloc(16);
    body.writeBigUInt64LE(7n, 0); // event id
    body.writeBigUInt64LE(BigInt(count), 8);
    return this.record(RECORD.LOST, 0, body, tr);
  }

  raw(type: number, misc: number, body: Buffer, tr: Trailer): this {
    return this.record(type, misc, body, tr);
  }

  bytes(): Buffer {
    return Buffer.concat(this.parts);
  }

  private record(type: number, misc: number, body: Buffer, tr: Trailer): this {
    const trailer: Buffer[] = [];
    const u32pair = (a: number, b: number) => {
      const x = Buffer.alloc(8);
      x.writeUInt32LE(a, 0);
      x.writeUInt32LE(b, 4);
      return x;
    };
    const u64 = (v: bigint) => {
      const x = Buffer.alloc(8);
      x.writeBigUInt64LE(v, 0);
      return x;
    };
    trailer.push(u32pair(tr.pid, tr.tid), u64(tr.t));
    if (this.extraTrailer.id) trailer.push(u64(99n));
    trailer.push(u32pair(tr.cpu, 0));
    if (this.extraTrailer.identifier) trailer.push(u64(99n));
    const size = 8 + body.length + trailer.length * 8;
    const header = Buffer.alloc(8);
    header.writeUInt32LE(type, 0);
    header.writeUInt16LE(misc, 4);
    header.writeUInt16LE(size, 6);
    this.parts.push(header, body, ...trailer);
    return this;
  }
}
