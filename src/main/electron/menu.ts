import { Menu } from 'electron';
import { toMenuTemplate, type MenuHandlers } from './menu-items';
import { menuTemplate } from './menu-template';

export type { MenuHandlers } from './menu-items';

/** Builds the application menu from the pure template (menu-template.ts, menu-items.ts). */
export function installMenu(handlers: MenuHandlers): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(toMenuTemplate(menuTemplate(process.platform), handlers)));
}
