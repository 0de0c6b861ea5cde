import { findRigEntry, spawnRig, type RigChild } from './rig-child';

async function ready(kind: 'thread' | 'process', entry: string): Promise<RigChild> {
  const rig = spawnRig(kind, entry);
  await rig.next((m) => m.type === 'ready');
  return rig;
}

async function runTask(rig: RigChild, id: number, units: number): Promise<void> {
  const done = rig.next((m) => m.type === 'done' && m.id === id, 60_000);
  rig.send({ type: 'task', id, units });
  await done;
}

/** `tasks` small tasks, `parallel` at a time, each on a freshly spawned worker that ends after it. ms total. */
export async function spawnPerTask(kind: 'thread' | 'process', tasks: number, parallel: number, units: number, threadEntry?: string): Promise<number> {
  const entry = findRigEntry('task-worker', threadEntry);
  const t0 = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < tasks) {
        const id = next++;
        const rig = await ready(kind, entry);
        await runTask(rig, id, units);
        await rig.kill();
      }
    }),
  );
  return performance.now() - t0;
}

/** The same tasks on a pool of `parallel` workers spawned once and reused. ms total, spawn included. */
export async function pooled(kind: 'thread' | 'process', tasks: number, parallel: number, units: number, threadEntry?: string): Promise<number> {
  const entry = findRigEntry('task-worker', threadEntry);
  const t0 = performance.now();
  const pool = await Promise.all(Array.from({ length: parallel }, () => ready(kind, entry)));
  let next = 0;
  await Promise.all(
    pool.map(async (rig) => {
      while (next < tasks) await runTask(rig, next++, units);
    }),
  );
  const ms = performance.now() - t0;
  await Promise.all(pool.map((l) => l.kill()));
  return ms;
}
