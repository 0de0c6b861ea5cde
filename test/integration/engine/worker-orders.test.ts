import { fork } from 'node:child_process';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { PHASE_SLOT, RunParamsSchema } from '../../../src/shared';
import { builtEntries } from '../../support/entries';
import { until } from '../../support/until';

/** A real built worker entry (thread or forked process), its messages collected. */
function startEntry(kind: 'thread' | 'process') {
  const entries = builtEntries();
  const messages: Record<string, unknown>[] = [];
  let exitCode: number | null = null;
  const collect = (m: unknown) => messages.push(m as Record<string, unknown>);
  if (kind === 'thread') {
    const w = new Worker(entries.thread, { execArgv: [], workerData: { phaseSlot: { buffer: new SharedArrayBuffer(PHASE_SLOT.length * 4), offset: 0 } } });
    w.on('message', collect);
    w.once('exit', (code) => (exitCode = code));
    return { messages, exitCode: () => exitCode, post: (m: unknown) => w.postMessage(m), kill: () => void w.terminate() };
  }
  const child = fork(entries.process, [], { execArgv: [], serialization: 'advanced', stdio: ['ignore', 'ignore', 'ignore', 'ipc'], env: { ...process.env, CORELANES_PARENT_PID: String(process.pid) } });
  child.on('message', collect);
  child.once('exit', (code) => (exitCode = code));
  return { messages, exitCode: () => exitCode, post: (m: unknown) => child.send(m as object), kill: () => void child.kill('SIGKILL') };
}

// Workers read the engine's orders without zod (src/shared/worker-orders.ts): a bad order is refused with the field named, and the worker goes on.
describe.each(['thread', 'process'] as const)('a real %s worker reading its orders', (kind) => {
  it('refuses a malformed start with the field named, then obeys a valid stop', async () => {
    const worker = startEntry(kind);
    try {
      await until('hello', () => worker.messages.some((m) => m.type === 'hello'), 15_000);
      worker.post({ type: 'start', taskId: 'w0', requestedAtMono: 0, params: { ...RunParamsSchema.parse({}), workload: 'disk' } });
      await until('an error message', () => worker.messages.some((m) => m.type === 'error'), 15_000);
      expect(worker.messages.find((m) => m.type === 'error')?.message).toMatch(/^rejected a malformed message: params\.workload/);
      worker.post({ type: 'stop' });
      await until('the worker to exit', () => worker.exitCode() !== null, 15_000);
      expect(worker.messages.find((m) => m.type === 'done')).toEqual({ type: 'done', unitsDone: 0 });
      expect(worker.exitCode()).toBe(0);
    } finally {
      if (worker.exitCode() === null) worker.kill();
    }
  });
});
