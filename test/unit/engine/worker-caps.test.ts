import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../../src/shared';
import { MEMORY_SHARE, workerCapRefusal } from '../../../src/main/engine/session/worker-caps';

const cpu = { workload: 'cpu' as const, memoryMb: 64 };

describe('worker caps', () => {
  it(`addWorker called 100 times on a 1-worker run: ${LIMITS.maxWorkers - 1} pass, then every one is refused, removals included`, () => {
    let started = 1;
    let live = 1;
    const outcomes: (string | null)[] = [];
    for (let i = 0; i < 100; i++) {
      const refusal = workerCapRefusal({ started, live, adding: 1 }, cpu);
      outcomes.push(refusal);
      if (refusal === null) {
        started++;
        live++;
      }
      if (i % 10 === 0 && live > 1) live--; // removing workers gives no room: the cap counts every start
    }
    expect(outcomes.filter((r) => r === null)).toHaveLength(LIMITS.maxWorkers - 1);
    expect(outcomes.slice(LIMITS.maxWorkers - 1).every((r) => r !== null)).toBe(true);
    expect(outcomes.at(-1)).toContain(`at most ${LIMITS.maxWorkers} workers in all`);
  });

  it('the memory workload may hold at most a share of the machine, and the refusal names both numbers', () => {
    const total = 8 * 2 ** 30; // 8192 MB
    const allowedMb = 8192 * MEMORY_SHARE;
    expect(workerCapRefusal({ started: 0, live: 0, adding: 4 }, { workload: 'memory', memoryMb: allowedMb / 4 }, total)).toBeNull();
    const refusal = workerCapRefusal({ started: 0, live: 0, adding: 64 }, { workload: 'memory', memoryMb: 4096 }, total);
    expect(refusal).toContain('64 workers × 4096 MB = 262144 MB');
    expect(refusal).toContain(`${allowedMb} MB`);
    expect(refusal).toContain('8192 MB');
    // Other workloads hold little memory: only the count applies.
    expect(workerCapRefusal({ started: 0, live: 0, adding: 64 }, { workload: 'cpu', memoryMb: 4096 }, total)).toBeNull();
    // Adding counts the live ones, not the ones already gone.
    expect(workerCapRefusal({ started: 10, live: 3, adding: 1 }, { workload: 'memory', memoryMb: allowedMb / 4 }, total)).toBeNull();
    expect(workerCapRefusal({ started: 10, live: 4, adding: 1 }, { workload: 'memory', memoryMb: allowedMb / 4 }, total)).not.toBeNull();
  });
});
