/**
 * What the Electron menus (and their shortcuts) ask the renderer to do. The
 * renderer does it through its normal paths (the same buttons and commands as
 * in web mode), so a menu item never does anything a page button could not.
 */
export const MENU_ACTIONS = [
  'open-trace',
  'save-trace',
  'export-chrome-trace',
  'view-cores',
  'view-tasks',
  'view-memory',
  'toggle-theme',
  'toggle-presentation',
  'timeline-zoom-in',
  'timeline-zoom-out',
  'timeline-fit',
  'start-run',
  'stop-run',
  'add-worker',
  'remove-worker',
] as const;
export type MenuAction = (typeof MENU_ACTIONS)[number];

/** Electron IPC channels of the bridge: one invoke channel per command name, one event channel. No generic send. */
export const IPC_INVOKE_PREFIX = 'corelanes:invoke:';
export const IPC_EVENT_CHANNEL = 'corelanes:event';
/** The page asks for events on this channel once it listens: main then sends it the current run, then live events. */
export const IPC_SUBSCRIBE_CHANNEL = 'corelanes:subscribe';

/** What a main-process handler answers over IPC (a thrown Error would arrive wrapped in Electron's own text). */
export type IpcReply = { ok: true; value: unknown } | { ok: false; error: string };
