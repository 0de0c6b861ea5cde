import { spawn } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Segment } from '../../../src/shared';
import { createSampler } from '../../../src/main/engine/sampling';
import { buildSamplerEntry } from './fixtures/build-sampler';
import { monoMs, schedstat, sleep } from './fixtures/proc-probe';

// A real child process (tid === pid) whose phases arrive as messages (reportPhase).
describe.runIf(process.platform === 'linux')('sampler on a real child process', () => {
  let entry: string;
  beforeAll(async () => {
    entry = await buildSamplerEntry();
  });

  it('merges reported phases into its lane and keeps its on-CPU time exact', async () => {
    // Idles until told, spins 300 ms, then sleeps; ends with its parent (stdin closes). Both ends
    // of the comparison fall in idle time, so the kernel's delta and the sampler's cover the same work.
    const child = spawn(
      process.execPath,
      ['-e', "process.stdin.once('data',()=>{const e=Date.now()+300;while(Date.now()<e);});setInterval(()=>{},1000);process.stdin.on('end',()=>process.exit(0))"],
      { stdio: ['pipe', 'ignore', 'inherit'] },
    );
    const pid = child.pid!;
    try {
      // Node starts up, then the child waits on stdin: wait until its on-CPU time stops moving.
      for (let last = -1, now = schedstat(pid, pid).onCpuNs; now !== last; last = now, now = schedstat(pid, pid).onCpuNs) await sleep(100);
      const start = monoMs();
      const sampler = await createSampler({ samplerEntry: entry, intervalMs: 1, runStartMono: start, source: 'proc' });
      const segments: Segment[] = [];
      sampler.onBatch((b) => segments.push(...b.segments));
      const before = schedstat(pid, pid);
      sampler.track({ taskId: 'proc', pid, tid: pid });
      await sleep(50); // the sampler's baseline read is in
      child.stdin!.write('go\n');
      sampler.reportPhase('proc', 'compute', null, monoMs() - start);
      await sleep(600); // spinning, then asleep
      sampler.reportPhase('proc', 'gil-wait', null, monoMs() - start);
      await sleep(200);
      sampler.reportPhase('proc', 'io', null, monoMs() - start);
      await sleep(200);
      sampler.untrack('proc');
      await sampler.stop();
      const after = schedstat(pid, pid);

      const states = segments.map((s) => s.state);
      expect(states).toContain('running');
      expect(states).toContain('gil-wait');
      expect(states.lastIndexOf('io')).toBeGreaterThan(states.indexOf('gil-wait'));
      const traced = segments.reduce((n, s) => n + s.onCpuNs, 0);
      const kernel = after.onCpuNs - before.onCpuNs;
      // The child is idle at both ends, so both reads bracket the same work.
      expect(Math.abs(traced - kernel) / kernel).toBeLessThan(0.01);
    } finally {
      child.stdin?.end();
      child.kill();
    }
  });
});
