/**
 * pools rig: computes `units` units of CPU work per request and answers.
 * Runs as a thread or a process; one instance may serve many tasks (a pool)
 * or just one (spawn per task).
 */
import { cpuUnit } from '../workloads/cpu-unit';
import { rigPort } from './rig-port';

/** A task request, checked without zod: a rig spawned per task must not pay zod's start-up cost for each one. */
function readTask(raw: unknown): { id: number; units: number } | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const { type, id, units } = raw as Record<string, unknown>;
  if (type !== 'task' || !Number.isInteger(id) || !Number.isInteger(units) || (units as number) < 0 || (units as number) > 1e6) return null;
  return { id: id as number, units: units as number };
}

const port = rigPort();
port.send({ type: 'ready' });
let x = 1;
port.onMessage((raw) => {
  const task = readTask(raw);
  if (!task) return port.send({ type: 'error', message: 'bad task' });
  for (let i = 0; i < task.units; i++) x = cpuUnit(x + i);
  port.send({ type: 'done', id: task.id, checksum: x });
});
