import { spawn } from 'node:child_process';
import { Worker } from 'node:worker_threads';
import { monoMs } from '../../src/node/clock';

/**
 * The baselines for spawn latency, measured as the engine measures its own
 * workers: from the request to the worker's first instruction, which the worker
 * stamps on CLOCK_MONOTONIC and posts back. A bare `new Worker` (eval) or a bare
 * fork (`node -e` with an IPC channel, what fork does without a module file).
 * `count` start at once (as a run's batch does); each then spins `spinMs`, as
 * the engine's cpu workers start computing while the rest of the batch starts.
 * Returns each worker's latency, ms.
 */
export async function bareSpawnMs(kind: 'thread' | 'process', count = 1, spinMs = 0): Promise<number[]> {
  const body = `const end = Date.now() + ${spinMs}; let x = 0; while (Date.now() < end) x += Math.sqrt(x + 1);`;
  const requested = monoMs();
  const one = (): Promise<number> =>
    new Promise((resolve, reject) => {
      // Resolved once the worker has exited, so the next measurement does not start beside a spinner.
      let latency = Number.NaN;
      const onStamp = (stamp: unknown) => (latency = Number(stamp) / 1e6 - requested);
      const onExit = () => (Number.isNaN(latency) ? reject(new Error(`bare ${kind} exited before its first message`)) : resolve(latency));
      const worker =
        kind === 'thread'
          ? new Worker(`const t = process.hrtime.bigint(); require('node:worker_threads').parentPort.postMessage(String(t)); ${body}`, { eval: true })
          : spawn(process.execPath, ['-e', `const t = process.hrtime.bigint(); process.send(String(t)); ${body} process.disconnect();`], { stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
      worker.once('message', onStamp);
      worker.once('error', reject);
      worker.once('exit', onExit);
    });
  return Promise.all(Array.from({ length: count }, one));
}

/**
 * A spawn phase of bare forks, as the engine runs one: `count` `node -e`
 * children with an IPC channel, at most `bound` starting at once, the next
 * forked as soon as one of those starting has posted its first-instruction
 * stamp. Each then waits idle (its IPC channel keeps it alive), as the
 * engine's workers wait for \`start\` until the phase is over. Returns ms from
 * the first fork until the parent had the last stamp; then kills them all and
 * waits for their exits.
 */
export async function bareSpawnPhaseMs(count: number, bound: number): Promise<number> {
  const body = `process.send(String(process.hrtime.bigint()));`;
  const children: ReturnType<typeof spawn>[] = [];
  const start = monoMs();
  let forked = 0;
  let up = 0;
  await new Promise<void>((resolve, reject) => {
    const launch = (): void => {
      while (forked - up < bound && forked < count) {
        forked++;
        const child = spawn(process.execPath, ['-e', body], { stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
        children.push(child);
        child.once('error', reject);
        child.once('message', () => {
          up++;
          if (up === count) resolve();
          else launch();
        });
      }
    };
    launch();
  });
  const phaseMs = monoMs() - start;
  await Promise.all(children.map((c) => new Promise<void>((resolve) => (c.exitCode !== null || c.signalCode !== null ? resolve() : (c.once('exit', () => resolve()), c.kill('SIGKILL'))))));
  return phaseMs;
}
