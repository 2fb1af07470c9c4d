// Installs the application menu (menuTemplate.ts) and rebuilds it when the recent files change.

import { Menu } from 'electron';
import { buildMenuTemplate, type MenuOptions } from './menuTemplate.js';

export function installMenu(options: MenuOptions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(options)));
}
