import type { MenuAction } from '../../shared';

/**
 * The app's menus as plain data: items either send a MenuAction to the
 * renderer, use one of Electron's built-in roles, or run a main-process
 * command. menu-items.ts turns this into Electron's template; tests read it directly.
 */
export type MainCommand = 'about' | 'docs' | 'quit' | 'open-trace' | 'open-exercises';
export type MenuItemSpec =
  | { kind: 'action'; label: string; action: MenuAction; accelerator?: string }
  | { kind: 'role'; role: string; label?: string }
  | { kind: 'main'; label: string; command: MainCommand; accelerator?: string }
  | { kind: 'separator' };
export interface MenuSpec {
  label: string;
  /** A menu with the role 'editMenu' and no items gets Electron's whole default Edit menu. */
  role?: 'appMenu' | 'fileMenu' | 'editMenu' | 'windowMenu' | 'help';
  items: MenuItemSpec[];
}

const sep: MenuItemSpec = { kind: 'separator' };
const act = (label: string, action: MenuAction, accelerator?: string): MenuItemSpec => ({ kind: 'action', label, action, accelerator });

/** Platform conventions: macOS has the app menu and Quit in it; elsewhere Quit (Ctrl+Q) ends File, About sits in Help. */
export function menuTemplate(platform: NodeJS.Platform, appName = 'Corelanes'): MenuSpec[] {
  const mac = platform === 'darwin';
  const menus: MenuSpec[] = [];
  if (mac) {
    menus.push({
      label: appName,
      role: 'appMenu',
      items: [
        { kind: 'main', label: `About ${appName}`, command: 'about' },
        sep,
        { kind: 'role', role: 'services' },
        sep,
        { kind: 'role', role: 'hide' },
        { kind: 'role', role: 'hideOthers' },
        { kind: 'role', role: 'unhide' },
        sep,
        { kind: 'role', role: 'quit' },
      ],
    });
  }
  menus.push({
    label: mac ? 'File' : '&File',
    items: [
      // The main process shows the dialog (a menu click is no user activation for the page's file chooser).
      { kind: 'main', label: 'Open Trace…', command: 'open-trace', accelerator: 'CmdOrCtrl+O' },
      act('Save Trace…', 'save-trace', 'CmdOrCtrl+S'),
      act('Export for Perfetto…', 'export-chrome-trace', 'CmdOrCtrl+E'),
      sep,
      // A leader's own workshop exercises, added to the bundled set in the Exercises panel.
      { kind: 'main', label: 'Open Exercises Folder…', command: 'open-exercises' },
      sep,
      mac ? { kind: 'role', role: 'close' } : { kind: 'main', label: 'Quit', command: 'quit', accelerator: 'Ctrl+Q' },
    ],
  });
  // Electron's whole Edit menu (undo, redo, cut, copy, paste, delete, select all; on macOS also paste and
  // match style, and speech): macOS delivers Cmd+Z/X/C/V/A to text fields only through these menu roles.
  menus.push({ label: mac ? 'Edit' : '&Edit', role: 'editMenu', items: [] });
  menus.push({
    label: mac ? 'View' : '&View',
    items: [
      act('Cores', 'view-cores', 'CmdOrCtrl+1'),
      act('Tasks', 'view-tasks', 'CmdOrCtrl+2'),
      act('Memory', 'view-memory', 'CmdOrCtrl+3'),
      sep,
      act('Toggle Dark/Light Theme', 'toggle-theme', 'CmdOrCtrl+Shift+T'),
      act('Presentation Mode', 'toggle-presentation', 'F5'),
      sep,
      act('Zoom Timeline In', 'timeline-zoom-in', 'CmdOrCtrl+Shift+='),
      act('Zoom Timeline Out', 'timeline-zoom-out', 'CmdOrCtrl+Shift+-'),
      act('Fit Timeline', 'timeline-fit', 'CmdOrCtrl+Shift+0'),
      sep,
      { kind: 'role', role: 'zoomIn' },
      { kind: 'role', role: 'zoomOut' },
      { kind: 'role', role: 'resetZoom' },
      { kind: 'role', role: 'togglefullscreen' },
    ],
  });
  menus.push({
    label: mac ? 'Run' : '&Run',
    items: [
      act('Start Run', 'start-run', 'CmdOrCtrl+R'),
      act('Stop Run', 'stop-run', 'CmdOrCtrl+.'),
      sep,
      act('Add Worker', 'add-worker', 'CmdOrCtrl+Shift+A'),
      act('Remove Worker', 'remove-worker', 'CmdOrCtrl+Shift+R'),
    ],
  });
  if (mac) menus.push({ label: 'Window', role: 'windowMenu', items: [{ kind: 'role', role: 'minimize' }, { kind: 'role', role: 'zoom' }] });
  menus.push({
    label: mac ? 'Help' : '&Help',
    role: 'help',
    items: [{ kind: 'main', label: 'Documentation', command: 'docs' }, ...(mac ? [] : [sep, { kind: 'main' as const, label: `About ${appName}`, command: 'about' as const }])],
  });
  return menus;
}

export interface Versions {
  app: string;
  electron: string;
  node: string;
  chrome: string;
  v8?: string;
}

/** The About box text: the versions a bug report needs. */
export function aboutDetail(v: Versions): string {
  return [`Corelanes ${v.app}`, `Electron ${v.electron}`, `Chromium ${v.chrome}`, `Node.js ${v.node}`, ...(v.v8 ? [`V8 ${v.v8}`] : [])].join('\n');
}

/** Every action a menu can send (the renderer must handle each). */
export function menuActions(menus: readonly MenuSpec[]): MenuAction[] {
  return menus.flatMap((m) => m.items.flatMap((i) => (i.kind === 'action' ? [i.action] : [])));
}
