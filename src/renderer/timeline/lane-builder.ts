import { TASK_STATES } from '../../shared';
import { pack, STATE_COLORS, taskColors, type Theme } from './colors';
import type { LaneDescriptor } from './lanes';
import type { TimelineModel } from './model';

export type TimelineViewKind = 'cores' | 'tasks';

const DIMMED = 0.3;

/** Cores view: one lane per core, slices coloured by the occupying task's address-space colour. */
export function buildCoreLanes(model: TimelineModel, theme: Theme, selectedTask: number): LaneDescriptor[] {
  const colors = taskColors(model.tasks, theme);
  const palette = Uint32Array.from(colors, pack);
  const categories = Math.max(1, model.tasks.length);
  let dim: Float32Array | null = null;
  if (selectedTask >= 0) {
    dim = new Float32Array(categories).fill(DIMMED);
    dim[selectedTask] = 1;
  }
  const lanes: LaneDescriptor[] = [];
  const observable = model.machine?.coresObservable ?? true;
  const count = observable ? model.coreCount() : 0;
  for (let c = 0; c < count; c++) {
    lanes.push({
      key: `core-${c}`,
      label: `core ${c}`,
      note: null,
      columns: model.coreLane(c),
      categories,
      palette,
      dim,
      swatch: null,
      highlighted: false,
      task: null,
    });
  }
  if (model.showsUnknownCoreLane()) {
    lanes.push({
      key: 'core-unknown',
      label: 'core unknown',
      note: observable ? 'running, core not reported' : 'the OS does not report cores',
      columns: model.unknownCoreLane,
      categories,
      palette,
      dim,
      swatch: null,
      highlighted: false,
      task: null,
    });
  }
  return lanes;
}

/** Tasks view: one lane per task in address-space order, coloured by state. */
export function buildTaskLanes(model: TimelineModel, theme: Theme, selectedTask: number): LaneDescriptor[] {
  const colors = taskColors(model.tasks, theme);
  const palette = Uint32Array.from(TASK_STATES, (s) => pack(STATE_COLORS[theme][s]));
  const lanes: LaneDescriptor[] = [];
  if (model.gilLane.length > 0) {
    // Who holds the GIL: one slice per holding, in the holder's colour (as on a core).
    lanes.push({
      key: 'gil',
      label: 'GIL holder',
      note: 'who holds the lock',
      columns: model.gilLane,
      categories: Math.max(1, model.tasks.length),
      palette: Uint32Array.from(colors, pack),
      dim: null,
      swatch: null,
      highlighted: false,
      task: null,
    });
  }
  return lanes.concat(model.taskOrder().map((t) => {
    const task = model.tasks[t];
    const ids = [task?.pid != null ? `pid ${task.pid}` : null, task?.tid != null && task.tid !== task.pid ? `tid ${task.tid}` : null]
      .filter(Boolean)
      .join(' · ');
    return {
      key: `task-${task?.id ?? t}`,
      label: task?.label ?? `task ${t}`,
      note: `${task?.kind ?? ''}${ids ? ` · ${ids}` : ''}${task?.exitReason ? ` · ${task.exitReason}` : ''}`,
      columns: model.taskLanes[t] as LaneDescriptor['columns'],
      categories: TASK_STATES.length,
      palette,
      dim: null,
      swatch: colors[t] ?? null,
      highlighted: t === selectedTask,
      task: t,
    };
  }));
}

export function buildLanes(kind: TimelineViewKind, model: TimelineModel, theme: Theme, selectedTask: number): LaneDescriptor[] {
  return kind === 'cores' ? buildCoreLanes(model, theme, selectedTask) : buildTaskLanes(model, theme, selectedTask);
}
