import { TASK_STATES, type Task } from '../shared';
import { spaceColor, STATE_COLORS, STATE_LABELS, taskColorsByTask, type ColorMode, type Theme } from './colors';
import { isOwnThread } from './parallelism';

export interface LegendItem {
  color: string;
  label: string;
}

export interface LegendGroup {
  view: 'tasks' | 'cores';
  title: string;
  items: LegendItem[];
}

/** An address space's name: Corelanes itself, its process's own task, or the threads living in it. */
function spaceName(tasks: readonly Task[], space: number | null): string {
  const members = tasks.filter((x) => x.addressSpace === space);
  // Worker threads (JS or simulated-GIL) live in Corelanes' own process, like its main and sampler threads.
  if (members.some((x) => x.kind === 'main' || x.kind === 'sampler' || x.kind === 'thread' || x.kind === 'gil-thread')) return 'Corelanes, this app';
  const owner = members.find((x) => x.kind === 'main' || x.kind === 'process' || x.kind === 'python-process');
  if (owner) return owner.label;
  // Without its process's own task (the app's main thread arrives at the end), name it by the threads living in it.
  const labels = members.map((x) => x.label);
  return `process of ${labels.slice(0, 3).join(', ')}${labels.length > 3 ? ', …' : ''}`;
}

/** Past this many tasks the by-task legend says how many more there are rather than growing without end. */
const MAX_TASK_ITEMS = 12;

/**
 * What the colours mean: states (Tasks view) and, for the Cores view, one hue
 * per address space or one colour per task (the colour mode). The app's
 * legend and the exports' alike; hidden tasks are not listed.
 */
export function legendGroups(tasks: readonly Task[], theme: Theme, colorMode: ColorMode = 'process', hideOwnThreads = false): LegendGroup[] {
  const groups: LegendGroup[] = [
    {
      view: 'tasks',
      title: 'Tasks view, by state:',
      items: TASK_STATES.filter((s) => s !== 'unknown').map((s) => ({ color: STATE_COLORS[theme][s], label: STATE_LABELS[s] })),
    },
  ];
  if (colorMode === 'task') {
    const colors = taskColorsByTask(tasks, theme);
    const shown = tasks.map((t, i) => ({ t, color: colors[i] as string })).filter(({ t }) => !(hideOwnThreads && isOwnThread(t)));
    const items = shown.slice(0, MAX_TASK_ITEMS).map(({ t, color }) => ({ color, label: t.label }));
    if (shown.length > MAX_TASK_ITEMS) items.push({ color: 'transparent', label: `…and ${shown.length - MAX_TASK_ITEMS} more (hover a slice)` });
    if (items.length > 0) groups.push({ view: 'cores', title: 'Cores view, by task:', items });
    return groups;
  }
  const spaces = new Map<string, LegendItem>();
  for (const t of tasks) {
    if (hideOwnThreads && isOwnThread(t)) continue;
    const key = String(t.addressSpace ?? 'unknown');
    if (spaces.has(key)) continue;
    spaces.set(key, {
      color: spaceColor(tasks, t.addressSpace, theme),
      label: t.addressSpace === null ? 'address space unknown' : `pid ${t.addressSpace} (${spaceName(tasks, t.addressSpace)})`,
    });
  }
  if (spaces.size > 0) groups.push({ view: 'cores', title: "Cores view, by address space (threads share their process's hue, lighter or darker):", items: [...spaces.values()] });
  return groups;
}
