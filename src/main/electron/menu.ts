import { Menu, type MenuItemConstructorOptions } from 'electron';
import type { MenuAction } from '../../shared';
import { menuTemplate, type MainCommand, type MenuItemSpec } from './menu-template';

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

/** Builds the application menu from the pure template (menu-template.ts). */
export function installMenu(handlers: MenuHandlers): void {
  const template: MenuItemConstructorOptions[] = menuTemplate(process.platform).map((menu) => ({
    label: menu.label,
    // The first menu is the app menu on macOS by position; only Window and Help need their roles.
    role: menu.role === 'help' || menu.role === 'windowMenu' ? menu.role : undefined,
    submenu: menu.items.map((item) => toItem(item, handlers)),
  }));
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
