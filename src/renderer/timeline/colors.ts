import { hsl, rgb, schemeTableau10 } from 'd3';
import type { Task, TaskState } from '../../shared';

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

export const THEME_COLORS: Record<Theme, { page: string; lane: string; text: string; muted: string; grid: string; select: string }> = {
  light: { page: '#ffffff', lane: '#f1f3f5', text: '#1b1f24', muted: '#5c6570', grid: '#dee2e6', select: '#000000' },
  dark: { page: '#15181d', lane: '#23272e', text: '#e9ecef', muted: '#a3acb6', grid: '#343a40', select: '#ffffff' },
};

/**
 * Colour by address space: each process (address space) gets its own hue from
 * Tableau10; the threads living in it share that hue family, stepping in
 * lightness. Tasks whose address space is unknown are grey.
 */
export function taskColors(tasks: readonly Task[], theme: Theme): string[] {
  const spaces = new Map<number, { hue: string; members: number }>();
  return tasks.map((t) => {
    if (t.addressSpace === null) return theme === 'dark' ? '#adb5bd' : '#6c757d';
    let space = spaces.get(t.addressSpace);
    if (!space) {
      space = { hue: schemeTableau10[spaces.size % schemeTableau10.length] as string, members: 0 };
      spaces.set(t.addressSpace, space);
    }
    const n = space.members++;
    const c = hsl(space.hue);
    // 0, +1, -1, +2, ... lightness steps around the base hue.
    const step = n === 0 ? 0 : (n % 2 === 1 ? 1 : -1) * Math.ceil(n / 2);
    c.l = Math.max(0.25, Math.min(0.8, c.l + step * 0.09));
    c.h += step * 6;
    return c.formatHex();
  });
}
