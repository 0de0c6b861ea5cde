import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * How many cores `n` bare busy loops get on this machine right now, from the
 * kernel (/proc/<pid>/schedstat). Physical claims in tests are ratios to this,
 * measured in the same test, so a neighbour's load moves the baseline and the
 * claim together instead of failing a fixed threshold.
 */
export async function busyLoopCores(n = 2, ms = 800): Promise<number> {
  const loops = Array.from({ length: n }, () => spawn('/bin/sh', ['-c', 'while :; do :; done'], { stdio: 'ignore' }));
  try {
    await sleep(150); // past exec, into the loop
    const before = loops.map((p) => onCpuNs(p.pid!));
    const t0 = performance.now();
    await sleep(ms);
    const after = loops.map((p) => onCpuNs(p.pid!));
    const elapsedMs = performance.now() - t0;
    const cpuMs = after.reduce((sum, ns, i) => sum + (ns - before[i]!), 0) / 1e6;
    return cpuMs / elapsedMs;
  } finally {
    for (const p of loops) p.kill('SIGKILL');
  }
}

/** Measures the baseline right before `attempt`, so both see the same machine. */
export async function withBaseline<T>(n: number, attempt: () => Promise<T>): Promise<{ value: T; baseline: number }> {
  const baseline = await busyLoopCores(n);
  return { value: await attempt(), baseline };
}

function onCpuNs(pid: number): number {
  return Number(readFileSync(`/proc/${pid}/schedstat`, 'latin1').split(' ')[0]);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
