/**
 * crash rig: a sacrificial process with two busy worker threads. On
 * {type:'abort'} one of its threads calls process.abort(): a fatal error that
 * ends the whole process, every thread of it, as a segfault in a C extension
 * would. Reports its pid and every thread's tid first.
 */
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cpuUnit } from '../workloads/cpu-unit';
import { rigPort } from './rig-port';

if (isMainThread) {
  const port = rigPort();
  const threads = [0, 1].map(() => new Worker(fileURLToPath(import.meta.url), { workerData: { role: 'busy' } }));
  let ready = 0;
  for (const t of threads) {
    t.on('message', (m: { type: string }) => {
      if (m.type === 'started' && ++ready === threads.length) {
        const tids = readdirSync('/proc/self/task').map(Number);
        port.send({ type: 'ready', pid: process.pid, tids });
      }
    });
  }
  port.onMessage((m) => {
    if ((m as { type?: string }).type === 'abort') threads[0]!.postMessage('abort');
  });
} else if ((workerData as { role?: string }).role === 'busy') {
  // process.abort() is not available in a worker thread; SIGABRT to the own process is the same fatal end.
  parentPort!.on('message', () => process.kill(process.pid, 'SIGABRT'));
  parentPort!.postMessage({ type: 'started' });
  // Busy but responsive: compute in short bursts between message checks.
  let x = 1;
  const spin = () => {
    const end = performance.now() + 5;
    while (performance.now() < end) x = cpuUnit(x);
    setImmediate(spin);
  };
  spin();
}
