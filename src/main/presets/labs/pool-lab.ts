import { findLabEntry, spawnLab, type LabChild, type LabHost } from './lab-child';

async function ready(kind: 'thread' | 'process', entry: string, labs: LabHost): Promise<LabChild> {
  const lab = spawnLab(kind, entry, labs);
  await lab.next((m) => m.type === 'ready');
  return lab;
}

async function runTask(lab: LabChild, id: number, units: number): Promise<void> {
  const done = lab.next((m) => m.type === 'done' && m.id === id, 60_000);
  lab.send({ type: 'task', id, units });
  await done;
}

/** `tasks` small tasks, `parallel` at a time, each on a freshly spawned worker that ends after it. ms total. */
export async function spawnPerTask(kind: 'thread' | 'process', tasks: number, parallel: number, units: number, labs: LabHost): Promise<number> {
  const entry = findLabEntry('task-worker', labs.threadEntry);
  const t0 = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < tasks) {
        const id = next++;
        const lab = await ready(kind, entry, labs);
        await runTask(lab, id, units);
        await lab.kill();
      }
    }),
  );
  return performance.now() - t0;
}

/** The same tasks on a pool of `parallel` workers spawned once and reused. ms total, spawn included. */
export async function pooled(kind: 'thread' | 'process', tasks: number, parallel: number, units: number, labs: LabHost): Promise<number> {
  const entry = findLabEntry('task-worker', labs.threadEntry);
  const t0 = performance.now();
  const pool = await Promise.all(Array.from({ length: parallel }, () => ready(kind, entry, labs)));
  let next = 0;
  await Promise.all(
    pool.map(async (lab) => {
      while (next < tasks) await runTask(lab, next++, units);
    }),
  );
  const ms = performance.now() - t0;
  await Promise.all(pool.map((l) => l.kill()));
  return ms;
}
