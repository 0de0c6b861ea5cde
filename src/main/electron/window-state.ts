import { z } from 'zod';

/** Window size and position remembered between launches (userData/window-state.json). */
export const WindowStateSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().min(200).max(20000),
  height: z.number().int().min(150).max(20000),
  maximized: z.boolean().default(false),
});
export type WindowState = z.infer<typeof WindowStateSchema>;

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const DEFAULT_SIZE = { width: 1280, height: 800 };
export const MIN_SIZE = { width: 800, height: 500 };
/** How much of the title bar must be on a screen for the saved position to be used. */
const VISIBLE_PX = 48;

/**
 * The bounds to open with: the saved ones when they parse and still fall on a
 * screen (monitors change between launches), clamped to fit it; otherwise
 * the default size, centred by Electron.
 */
export function restoreWindowState(savedText: string | null, workAreas: readonly Rect[]): { bounds: Partial<Rect>; maximized: boolean } {
  const fallback = { bounds: { ...DEFAULT_SIZE }, maximized: false };
  if (!savedText) return fallback;
  let json: unknown;
  try {
    json = JSON.parse(savedText);
  } catch {
    return fallback;
  }
  const parsed = WindowStateSchema.safeParse(json);
  if (!parsed.success) return fallback;
  const s = parsed.data;
  const titleBar = { x: s.x, y: s.y, width: s.width, height: VISIBLE_PX };
  const area = workAreas.find((a) => overlap(a, titleBar) >= (VISIBLE_PX * VISIBLE_PX) / 2);
  if (!area) return { bounds: { width: Math.max(MIN_SIZE.width, Math.min(s.width, DEFAULT_SIZE.width)), height: Math.max(MIN_SIZE.height, Math.min(s.height, DEFAULT_SIZE.height)) }, maximized: s.maximized };
  const width = Math.min(s.width, area.width);
  const height = Math.min(s.height, area.height);
  const x = Math.min(Math.max(s.x, area.x), area.x + area.width - width);
  const y = Math.min(Math.max(s.y, area.y), area.y + area.height - height);
  return { bounds: { x, y, width, height }, maximized: s.maximized };
}

export function serializeWindowState(bounds: Rect, maximized: boolean): string {
  const state: WindowState = {
    x: Math.round(bounds.x),
    y: Math.round(bounds.y),
    width: Math.max(200, Math.round(bounds.width)),
    height: Math.max(150, Math.round(bounds.height)),
    maximized,
  };
  return `${JSON.stringify(state)}\n`;
}

function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}
