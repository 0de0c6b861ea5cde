import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { toMenuTemplate, type MenuHandlers } from '../../../src/main/electron/menu-items';
import { menuTemplate } from '../../../src/main/electron/menu-template';
import type { MenuAction } from '../../../src/shared';

// Electron's menu template as the shell builds it (typed by Electron's own
// MenuItemConstructorOptions); only Menu.buildFromTemplate is left to Electron.

function built(platform: NodeJS.Platform) {
  const calls: (MenuAction | string)[] = [];
  const handlers: MenuHandlers = { action: (a) => calls.push(a), command: (c) => calls.push(`main:${c}`) };
  return { template: toMenuTemplate(menuTemplate(platform), handlers), calls };
}

const byLabel = (template: MenuItemConstructorOptions[], label: string) => template.find((m) => m.label?.replace('&', '') === label)!;
const items = (menu: MenuItemConstructorOptions) => menu.submenu as MenuItemConstructorOptions[];

describe('application menu', () => {
  it.each(['darwin', 'linux', 'win32'] as const)('on %s the Edit menu is Electron\'s whole editMenu role (undo, cut, copy, paste, select all)', (platform) => {
    const edit = byLabel(built(platform).template, 'Edit');
    // No submenu: Electron fills in the role's default one. On macOS, Cmd+Z/X/C/V/A reach text fields only through these roles.
    expect(edit).toEqual({ label: platform === 'darwin' ? 'Edit' : '&Edit', role: 'editMenu' });
  });

  it('File ▸ Open Trace… runs in the main process (a menu click is no user activation for the page)', () => {
    const { template, calls } = built('linux');
    const open = items(byLabel(template, 'File')).find((i) => i.label === 'Open Trace…')!;
    expect(open.accelerator).toBe('CmdOrCtrl+O');
    (open.click as () => void)();
    expect(calls).toEqual(['main:open-trace']);
  });

  it('page actions stay page actions; Window and Help keep their roles', () => {
    const { template, calls } = built('darwin');
    const start = items(byLabel(template, 'Run')).find((i) => i.label === 'Start Run')!;
    (start.click as () => void)();
    expect(calls).toEqual(['start-run']);
    expect(byLabel(template, 'Window').role).toBe('windowMenu');
    expect(byLabel(template, 'Help').role).toBe('help');
    expect(template[0]!.role).toBeUndefined(); // the app menu is the first by position, with its own items
  });
});
