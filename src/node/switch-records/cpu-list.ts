/** Parses a kernel CPU list ("0-3,5,7-8", as in /sys/devices/system/cpu/online). Pure; null when malformed. */
export function parseCpuList(text: string): number[] | null {
  const cpus: number[] = [];
  for (const part of text.trim().split(',')) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (!m) return null;
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
    if (to < from || to > 65535) return null;
    for (let c = from; c <= to; c++) cpus.push(c);
  }
  return cpus;
}
