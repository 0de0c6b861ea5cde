import type { MenuItemConstructorOptions } from 'electron';
import type { MenuAction } from '../../shared';
import type { MainCommand, MenuItemSpec, MenuSpec } from './menu-template';

export interface MenuHandlers {
  action(action: MenuAction): void;
  command(command: MainCommand): void;
}

function toItem(spec: MenuItemSpec, handlers: MenuHandlers): MenuItemConstructorOptions {
  switch (spec.kind) {
    case 'separator':
      return { type: 'separator' };
    case 'role':
      return { role: spec.role as MenuItemConstructorOptions['role'], label: spec.label };
    case 'action':
      return { label: spec.label, accelerator: spec.accelerator, click: () => handlers.action(spec.action) };
    case 'main':
      return { label: spec.label, accelerator: spec.accelerator, click: () => handlers.command(spec.command) };
  }
}

/**
 * Electron's menu template from the pure one (menu-template.ts). A menu with
 * a role and no items is passed without a submenu, so Electron fills in the
 * role's default submenu (editMenu: the whole Edit menu). The first menu is
 * the app menu on macOS by position; of the roles with custom items, only
 * Window and Help need theirs.
 */
export function toMenuTemplate(menus: readonly MenuSpec[], handlers: MenuHandlers): MenuItemConstructorOptions[] {
  return menus.map((menu): MenuItemConstructorOptions => {
    if (menu.role && menu.items.length === 0) return { label: menu.label, role: menu.role };
    return {
      label: menu.label,
      role: menu.role === 'help' || menu.role === 'windowMenu' ? menu.role : undefined,
      submenu: menu.items.map((item) => toItem(item, handlers)),
    };
  });
}
