import { hsl, lab, schemeCategory10, schemeDark2, schemeObservable10, schemeSet1, schemeSet2, schemeTableau10 } from 'd3';
import type { TaskState } from '../shared';

/**
 * Colours for tasks and processes that can never be mistaken for a state
 * colour (issue 10: process 0 was the orange of "waiting for a CPU", process
 * 3 the green of "running"). Distance is CIE76 ΔE in CIELAB (d3's `lab`): a
 * task colour closer than MIN_STATE_DISTANCE to any state colour of the same
 * theme, or to the lane background, is rejected.
 */
export const MIN_STATE_DISTANCE = 35;
/** Away from the empty lane and the page, so a slice is seen at all. */
const MIN_BACKGROUND_DISTANCE = 20;
/** Task colours stay at least this far apart from one another while the pool allows. */
const MIN_TASK_DISTANCE = 18;
const MAX_TASK_COLOURS = 16;

export function deltaE(a: string, b: string): number {
  const x = lab(a);
  const y = lab(b);
  return Math.hypot(x.l - y.l, x.a - y.a, x.b - y.b);
}

/** Hue angle (degrees) between two colours in CIELAB's a*, b* plane, and whether the colour has a hue at all. */
export function hueGap(a: string, b: string): number {
  const x = lab(a);
  const y = lab(b);
  const d = Math.abs(Math.atan2(x.b, x.a) - Math.atan2(y.b, y.a)) * (180 / Math.PI);
  return d > 180 ? 360 - d : d;
}
const chroma = (c: string) => Math.hypot(lab(c).a, lab(c).b);
/**
 * A lighter or darker green is still "running" to the eye: a colourful state
 * (green, orange, blue, purple) owns its hue, this many degrees either side.
 */
const STATE_HUE_GAP = 34;

export interface PaletteTheme {
  states: Record<TaskState, string>;
  backgrounds: readonly string[];
}

/** True when `color` is far enough from every state colour and background of the theme. */
export function clearOfStates(color: string, theme: PaletteTheme): boolean {
  for (const s of Object.values(theme.states)) {
    if (deltaE(color, s) < MIN_STATE_DISTANCE) return false;
    // Only colourful states own a hue; greys are kept apart by ΔE above.
    if (chroma(s) > 20 && chroma(color) > 12 && hueGap(color, s) < STATE_HUE_GAP) return false;
  }
  for (const b of theme.backgrounds) if (deltaE(color, b) < MIN_BACKGROUND_DISTANCE) return false;
  return true;
}

/** Candidates: d3's categorical schemes (well-tested, readable) first, then hues around the wheel. */
function candidates(): string[] {
  const wheel: string[] = [];
  for (let h = 0; h < 360; h += 10) for (const l of [0.35, 0.5, 0.65]) wheel.push(hsl(h, 0.7, l).formatHex());
  const all = [...schemeTableau10, ...schemeObservable10, ...schemeSet1, ...schemeCategory10, ...schemeDark2, ...schemeSet2, ...wheel];
  return [...new Set(all.map((c) => hsl(c).formatHex()))];
}

/**
 * The palette for a theme: the candidates clear of the state colours, picked
 * greedily so each next colour is as far as possible (ΔE) from those already
 * picked, the first categorical one first. Same theme, same palette.
 */
export function buildTaskPalette(theme: PaletteTheme): string[] {
  const pool = candidates().filter((c) => clearOfStates(c, theme));
  if (pool.length === 0) throw new Error('no task colour is clear of the state colours');
  return pickApart(pool, MAX_TASK_COLOURS, MIN_TASK_DISTANCE);
}

/** Greedy farthest-point order: the first colour, then each next the farthest (ΔE, or `distance`) from those picked, while at least `minDistance` away. */
export function pickApart(pool: readonly string[], max: number, minDistance: number, distance: (a: string, b: string) => number = deltaE): string[] {
  const picked = pool.length ? [pool[0] as string] : [];
  while (picked.length < max) {
    let best: string | null = null;
    let bestDistance = -1;
    for (const c of pool) {
      const d = Math.min(...picked.map((p) => distance(c, p)));
      if (d > bestDistance) {
        bestDistance = d;
        best = c;
      }
    }
    if (best === null || bestDistance < minDistance) break;
    picked.push(best);
  }
  return picked;
}

/**
 * The same colour, moved in lightness until it is clear of the state
 * colours (a thread's lighter or darker shade of its process's hue could
 * land on one); the nearest clear lightness wins.
 */
export function awayFromStates(color: string, theme: PaletteTheme): string {
  if (clearOfStates(color, theme)) return color;
  const c = hsl(color);
  const sats = [c.s, Math.min(1, c.s + 0.25), Math.max(0.35, c.s - 0.25)];
  for (let step = 0.03; step <= 0.6; step += 0.03) {
    for (const l of [c.l - step, c.l + step]) {
      if (l < 0.15 || l > 0.85) continue;
      for (const sat of sats) {
        const moved = hsl(c.h, sat, l).formatHex();
        if (clearOfStates(moved, theme)) return moved;
      }
    }
  }
  // Nothing near this hue is clear: the hue itself is the problem, so take the palette's nearest clear colour instead.
  return buildTaskPalette(theme).reduce((best, p) => (deltaE(p, color) < deltaE(best, color) ? p : best));
}
