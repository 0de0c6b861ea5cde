import { hsl, rgb } from 'd3';
import type { Task, TaskState } from '../shared';
import { awayFromStates, buildTaskPalette, clearOfStates, deltaE, hueGap, pickApart, type PaletteTheme } from './palette';

export type Theme = 'light' | 'dark';

/** Packs a CSS colour as ABGR for an ImageData Uint32 view (little-endian). */
export function pack(color: string): number {
  const c = rgb(color);
  return ((255 << 24) | (Math.round(c.b) << 16) | (Math.round(c.g) << 8) | Math.round(c.r)) >>> 0;
}

export function unpackCss(packed: number): string {
  return `rgb(${packed & 255},${(packed >>> 8) & 255},${(packed >>> 16) & 255})`;
}

/** State colours: chosen apart from one another and readable in both themes. */
export const STATE_COLORS: Record<Theme, Record<TaskState, string>> = {
  light: {
    running: '#2f9e44',
    runnable: '#e8590c',
    blocked: '#868e96',
    io: '#1c7ed6',
    sleep: '#c5ccd3',
    'gil-wait': '#ae3ec9',
    unknown: '#e9ecef',
  },
  dark: {
    running: '#51cf66',
    runnable: '#ff8a3d',
    blocked: '#868e96',
    io: '#4dabf7',
    sleep: '#495057',
    'gil-wait': '#da77f2',
    unknown: '#343a40',
  },
};

export const STATE_LABELS: Record<TaskState, string> = {
  running: 'running',
  runnable: 'waiting for a CPU',
  blocked: 'blocked',
  io: 'I/O',
  sleep: 'sleep',
  'gil-wait': 'waiting for the GIL',
  unknown: 'unknown',
};

export const THEME_COLORS: Record<Theme, { page: string; lane: string; text: string; muted: string; grid: string; select: string; playhead: string }> = {
  light: { page: '#ffffff', lane: '#f1f3f5', text: '#1b1f24', muted: '#5c6570', grid: '#dee2e6', select: '#000000', playhead: '#1b1f24' },
  dark: { page: '#15181d', lane: '#23272e', text: '#e9ecef', muted: '#a3acb6', grid: '#343a40', select: '#ffffff', playhead: '#f8f9fa' },
};

/** What a task colour must stay clear of, per theme: its state colours and backgrounds. */
export function paletteTheme(theme: Theme): PaletteTheme {
  return { states: STATE_COLORS[theme], backgrounds: [THEME_COLORS[theme].lane, THEME_COLORS[theme].page] };
}

const palettes = new Map<Theme, string[]>();
/** Colours for processes and tasks: never near a state colour of the theme (palette.ts). Built once per theme. */
export function taskPalette(theme: Theme): string[] {
  let p = palettes.get(theme);
  if (!p) {
    p = buildTaskPalette(paletteTheme(theme));
    palettes.set(theme, p);
  }
  return p;
}

const processPalettes = new Map<Theme, string[]>();
/**
 * Process hues: the task palette, hues whose darker and lighter shades stay
 * clear of the state colours first (a process's threads are drawn in them).
 */
export function processPalette(theme: Theme): string[] {
  let p = processPalettes.get(theme);
  if (!p) {
    const pt = paletteTheme(theme);
    const shades = (c: string) => [0.3, 0.4, 0.5, 0.6, 0.7].filter((l) => clearOfStates(hsl(hsl(c).h, hsl(c).s, l).formatHex(), pt)).length;
    const all = taskPalette(theme);
    // Hues whose shades stay clear first, each next as far in hue as possible from those before (neighbours in the strip differ most).
    const shadeable = all.filter((c) => shades(c) >= 3);
    const apart = pickApart(shadeable, shadeable.length, 0, (a, b) => hueGap(a, b) + 0.2 * deltaE(a, b));
    p = [...apart, ...shadeable.filter((c) => !apart.includes(c)), ...all.filter((c) => shades(c) < 3)];
    processPalettes.set(theme, p);
  }
  return p;
}

/** How the Cores view colours its slices: by the task's process (threads in shades of its hue) or one colour per task. */
export type ColorMode = 'process' | 'task';

const WORKER_FIRST: Record<string, number> = { main: 2, sampler: 3 };

/** 0, 1, 1/2, 1/4, 3/4, ...: each new member lands as far as possible from those before it. */
function spread(i: number): number {
  if (i === 0) return 0;
  if (i === 1) return 1;
  let n = i - 1;
  let f = 0;
  let b = 0.5;
  while (n > 0) {
    if (n & 1) f += b;
    n >>= 1;
    b /= 2;
  }
  return f === 0 ? 0.5 : f;
}

/**
 * Hue per address space, in a fixed order (earliest requested task first,
 * then pid), so a saved trace replays in the same colours as the live run
 * whatever order its tasks arrived in.
 */
export function spaceHues(tasks: readonly Task[], theme: Theme): Map<number, string> {
  const first = new Map<number, number>();
  for (const t of tasks) {
    if (t.addressSpace === null) continue;
    const at = first.get(t.addressSpace);
    if (at === undefined || t.requestedMs < at) first.set(t.addressSpace, t.requestedMs);
  }
  const order = [...first.entries()].sort((a, b) => a[1] - b[1] || a[0] - b[0]);
  const palette = processPalette(theme);
  return new Map(order.map(([space], i) => [space, palette[i % palette.length] as string]));
}

/**
 * Colour by address space: each process (address space) gets its own hue from
 * the task palette (never a state's colour); the threads living in it share that hue family, spread far apart
 * in lightness (workers first, so threads taking turns differ most). Tasks
 * whose address space is unknown are grey. Keyed by task content, not arrival order.
 */
export function taskColors(tasks: readonly Task[], theme: Theme): string[] {
  const hues = spaceHues(tasks, theme);
  const members = new Map<number, number[]>();
  tasks.forEach((t, i) => {
    if (t.addressSpace === null) return;
    const list = members.get(t.addressSpace) ?? [];
    list.push(i);
    members.set(t.addressSpace, list);
  });
  const rank = new Map<number, number>();
  const size = new Map<number, number>();
  for (const list of members.values()) {
    list.sort((a, b) => {
      const ta = tasks[a] as Task;
      const tb = tasks[b] as Task;
      return (WORKER_FIRST[ta.kind] ?? 0) - (WORKER_FIRST[tb.kind] ?? 0) || ta.requestedMs - tb.requestedMs || ta.id.localeCompare(tb.id);
    });
    list.forEach((ti, r) => {
      rank.set(ti, r);
      size.set(ti, list.length);
    });
  }
  return tasks.map((t, i) => {
    if (t.addressSpace === null) return theme === 'dark' ? '#adb5bd' : '#6c757d';
    const c = hsl(hues.get(t.addressSpace) ?? '#888');
    if ((size.get(i) ?? 1) > 1) {
      const f = spread(rank.get(i) ?? 0);
      c.l = 0.3 + 0.45 * f;
      // A small hue turn helps tell shades apart, unless it turns towards a state's hue.
      const turned = hsl(c.h + (f - 0.5) * 14, c.s, c.l).formatHex();
      if (clearOfStates(turned, paletteTheme(theme))) return turned;
    }
    // A lighter or darker shade may land on a state colour: move it clear.
    return awayFromStates(c.formatHex(), paletteTheme(theme));
  });
}

/**
 * One colour per task (the Cores view's "by task" mode): the run's workers in
 * the order they were requested, each the next palette colour, then
 * Corelanes' own threads; colours repeat only past the palette's length.
 */
export function taskColorsByTask(tasks: readonly Task[], theme: Theme): string[] {
  const palette = taskPalette(theme);
  const order = tasks
    .map((t, i) => i)
    .sort((a, b) => {
      const ta = tasks[a] as Task;
      const tb = tasks[b] as Task;
      return (WORKER_FIRST[ta.kind] ?? 0) - (WORKER_FIRST[tb.kind] ?? 0) || ta.requestedMs - tb.requestedMs || ta.id.localeCompare(tb.id);
    });
  const out: string[] = new Array<string>(tasks.length);
  order.forEach((ti, rank) => (out[ti] = palette[rank % palette.length] as string));
  return out;
}

/** The Cores view's colour per task in a colour mode. */
export function coreColors(tasks: readonly Task[], theme: Theme, mode: ColorMode): string[] {
  return mode === 'task' ? taskColorsByTask(tasks, theme) : taskColors(tasks, theme);
}

/** The address space's own hue (the Legend's swatch). */
export function spaceColor(tasks: readonly Task[], addressSpace: number | null, theme: Theme): string {
  if (addressSpace === null) return theme === 'dark' ? '#adb5bd' : '#6c757d';
  return spaceHues(tasks, theme).get(addressSpace) ?? '#888';
}
