/** /proc/<pid>/task/<tid>/schedstat: on-CPU ns, run-queue wait ns, timeslices. */
export interface SchedStat {
  onCpuNs: number;
  waitNs: number;
  timeslices: number;
}

export function parseSchedstat(text: string): SchedStat | null {
  const parts = text.trim().split(/\s+/);
  if (parts.length < 3) return null;
  const [onCpuNs, waitNs, timeslices] = parts.map(Number) as [number, number, number];
  if (![onCpuNs, waitNs, timeslices].every((n) => Number.isFinite(n) && n >= 0)) return null;
  return { onCpuNs, waitNs, timeslices };
}

const SPACE = 0x20;
const NEWLINE = 0x0a;

/** The sampler's hot path: the three numbers of a schedstat read, from its bytes. */
export function parseSchedstatBytes(buf: Uint8Array, len: number): SchedStat | null {
  const out = [0, 0, 0];
  let n = 0;
  let inNumber = false;
  for (let i = 0; i < len && n < 3; i++) {
    const c = buf[i]!;
    if (c >= 0x30 && c <= 0x39) {
      out[n] = out[n]! * 10 + (c - 0x30);
      inNumber = true;
    } else if (inNumber) {
      n++;
      inNumber = false;
    } else if (c !== SPACE && c !== NEWLINE) {
      return null;
    }
  }
  if (inNumber) n++;
  if (n < 3) return null;
  return { onCpuNs: out[0]!, waitNs: out[1]!, timeslices: out[2]! };
}
