/**
 * pools rig: computes `units` units of CPU work per request and answers.
 * Runs as a thread or a process; one instance may serve many tasks (a pool)
 * or just one (spawn per task).
 */
import { z } from 'zod';
import { cpuUnit } from '../workloads/cpu-unit';
import { rigPort } from './rig-port';

const Task = z.object({ type: z.literal('task'), id: z.number().int(), units: z.number().int().min(0).max(1e6) });
const port = rigPort();
port.send({ type: 'ready' });
let x = 1;
port.onMessage((raw) => {
  const t = Task.safeParse(raw);
  if (!t.success) return port.send({ type: 'error', message: 'bad task' });
  for (let i = 0; i < t.data.units; i++) x = cpuUnit(x + i);
  port.send({ type: 'done', id: t.data.id, checksum: x });
});
