import { TASK_STATES, type Task } from '../shared';
import { coreColors, pack, STATE_COLORS, THEME_COLORS, type ColorMode, type Theme } from './colors';
import { isOwnThread } from './parallelism';
import type { LaneDescriptor } from './lanes';
import type { TimelineModel } from './model';

export type TimelineViewKind = 'cores' | 'tasks';

/** How the lanes are coloured and which are shown. */
export interface LaneOptions {
  /** Cores view: by process (default) or one colour per task. */
  colorMode?: ColorMode;
  /** Leave out Corelanes' own threads (main, sampler): no Tasks lanes, nothing drawn for them on the cores. */
  hideOwnThreads?: boolean;
}

const DIMMED = 0.3;

/** Key prefix of a real CPython's inferred GIL lane; the pid follows. */
export const INFERRED_GIL_LANE = 'gil-inferred-';

/** A lane whose slices are coloured by the occupying task (a core, the GIL holder). */
function taskColouredLane(
  key: string,
  label: string,
  note: string | null,
  columns: LaneDescriptor['columns'],
  categories: number,
  palette: Uint32Array,
  dim: Float32Array | null,
): LaneDescriptor {
  return { key, label, note, columns, categories, palette, dim, swatch: null, highlighted: false, task: null };
}

/** Cores view: one lane per core, slices coloured by the occupying task's address-space colour. */
export function buildCoreLanes(model: TimelineModel, theme: Theme, selectedTask: number, options: LaneOptions = {}): LaneDescriptor[] {
  const colors = coreColors(model.tasks, theme, options.colorMode ?? 'process');
  // A hidden task is drawn in the empty lane's colour: its time on a core shows as free.
  const hidden = pack(THEME_COLORS[theme].lane);
  const palette = Uint32Array.from(colors, (c, i) => (options.hideOwnThreads && model.tasks[i] && isOwnThread(model.tasks[i]) ? hidden : pack(c)));
  const categories = Math.max(1, model.tasks.length);
  let dim: Float32Array | null = null;
  if (selectedTask >= 0) {
    dim = new Float32Array(categories).fill(DIMMED);
    dim[selectedTask] = 1;
  }
  const lanes: LaneDescriptor[] = [];
  const observable = model.machine?.coresObservable ?? true;
  const count = observable ? model.coreCount() : 0;
  for (let c = 0; c < count; c++) lanes.push(taskColouredLane(`core-${c}`, `core ${c}`, null, model.coreLane(c), categories, palette, dim));
  if (model.showsUnknownCoreLane()) {
    const note = observable ? 'running, core not reported' : 'the OS does not report cores';
    lanes.push(taskColouredLane('core-unknown', 'core unknown', note, model.unknownCoreLane, categories, palette, dim));
  }
  return lanes;
}

/** Tasks view: one lane per task in address-space order, coloured by state. */
export function buildTaskLanes(model: TimelineModel, theme: Theme, selectedTask: number, options: LaneOptions = {}): LaneDescriptor[] {
  // Each lane's swatch and the GIL holders' slices wear the colour the Cores view gives the task (C switches both).
  const colors = coreColors(model.tasks, theme, options.colorMode ?? 'process');
  const palette = Uint32Array.from(TASK_STATES, (s) => pack(STATE_COLORS[theme][s]));
  const lanes: LaneDescriptor[] = [];
  if (model.gilLane.length > 0) {
    // Who holds the GIL: one slice per holding, in the holder's colour (as on a core).
    lanes.push(taskColouredLane('gil', 'GIL holder', 'who holds the lock', model.gilLane, Math.max(1, model.tasks.length), Uint32Array.from(colors, pack), null));
  }
  for (const g of model.inferredGil) {
    // Nothing in the OS says who holds a real CPython's GIL: inferred from its threads' states, and labelled so.
    const note = `${g.label} · inferred from its threads' states, not measured`;
    lanes.push(taskColouredLane(`${INFERRED_GIL_LANE}${g.pid}`, 'GIL, inferred', note, g.lane, Math.max(1, model.tasks.length), Uint32Array.from(colors, pack), null));
  }
  const shown = model.taskOrder().filter((t) => !model.isFolded(t));
  const order = options.hideOwnThreads ? shown.filter((t) => !isOwnThread(model.tasks[t] as Task)) : shown;
  return lanes.concat(order.map((t) => {
    const task = model.tasks[t];
    const folded = model.showWrappers ? 0 : model.foldedInto(t);
    const ids = [task?.pid != null ? `pid ${task.pid}` : null, task?.tid != null && task.tid !== task.pid ? `tid ${task.tid}` : null]
      .filter(Boolean)
      .join(' · ');
    return {
      key: `task-${task?.id ?? t}`,
      label: task?.label ?? `task ${t}`,
      note: `${task?.kind ?? ''}${ids ? ` · ${ids}` : ''}${task?.exitReason ? ` · ${task.exitReason}` : ''}${folded ? ` · ${folded} wrapper process${folded === 1 ? '' : 'es'} folded in` : ''}`,
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

export function buildLanes(kind: TimelineViewKind, model: TimelineModel, theme: Theme, selectedTask: number, options: LaneOptions = {}): LaneDescriptor[] {
  return kind === 'cores' ? buildCoreLanes(model, theme, selectedTask, options) : buildTaskLanes(model, theme, selectedTask, options);
}
