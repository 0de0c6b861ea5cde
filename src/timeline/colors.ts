import { hsl, rgb, schemeTableau10 } from 'd3';
import type { Task, TaskState } from '../shared';

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
export function spaceHues(tasks: readonly Task[]): Map<number, string> {
  const first = new Map<number, number>();
  for (const t of tasks) {
    if (t.addressSpace === null) continue;
    const at = first.get(t.addressSpace);
    if (at === undefined || t.requestedMs < at) first.set(t.addressSpace, t.requestedMs);
  }
  const order = [...first.entries()].sort((a, b) => a[1] - b[1] || a[0] - b[0]);
  return new Map(order.map(([space], i) => [space, schemeTableau10[i % schemeTableau10.length] as string]));
}

/**
 * Colour by address space: each process (address space) gets its own hue from
 * Tableau10; the threads living in it share that hue family, spread far apart
 * in lightness (workers first, so threads taking turns differ most). Tasks
 * whose address space is unknown are grey. Keyed by task content, not arrival order.
 */
export function taskColors(tasks: readonly Task[], theme: Theme): string[] {
  const hues = spaceHues(tasks);
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
      c.h += (f - 0.5) * 14;
    }
    return c.formatHex();
  });
}

/** The address space's own hue (the Legend's swatch). */
export function spaceColor(tasks: readonly Task[], addressSpace: number | null, theme: Theme): string {
  if (addressSpace === null) return theme === 'dark' ? '#adb5bd' : '#6c757d';
  return spaceHues(tasks).get(addressSpace) ?? '#888';
}
