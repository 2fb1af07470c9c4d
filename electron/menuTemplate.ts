// The application menu as data: File, Edit, View, Run, Help with the usual accelerators. Items that
// concern the graph send a MenuCommand to the focused window's renderer; the rest act in main.
// Pure (Electron types only), so the template is tested without Electron.

import type { MenuItemConstructorOptions } from 'electron';
import type { SimpleMenuCommand } from '../engine/hostApi/desktop.js';

export interface MenuActions {
  newWindow(): void;
  openDialog(): void;
  openRecent(file: string): void;
  clearRecent(): void;
  /** To the focused window's renderer. */
  send(command: SimpleMenuCommand): void;
  about(): void;
}

export interface MenuOptions {
  appName: string;
  platform: NodeJS.Platform;
  recent: readonly string[];
  /** Development builds get Reload and the developer tools. */
  devTools: boolean;
  actions: MenuActions;
}

/** Accelerators people expect; Run and Stop follow IDEs (F5, Shift+F5). */
export const ACCELERATORS = {
  new: 'CmdOrCtrl+N',
  open: 'CmdOrCtrl+O',
  save: 'CmdOrCtrl+S',
  saveAs: 'CmdOrCtrl+Shift+S',
  undo: 'CmdOrCtrl+Z',
  redo: 'CmdOrCtrl+Shift+Z',
  selectAll: 'CmdOrCtrl+A',
  run: 'F5',
  stop: 'Shift+F5',
  pauseResume: 'F6',
  validate: 'F7',
  fitView: 'F',
  deleteSelection: 'Delete',
  autoLayout: 'CmdOrCtrl+Shift+L',
  togglePanel: 'CmdOrCtrl+J',
} as const;

export function buildMenuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const { actions, platform, appName } = options;
  const mac = platform === 'darwin';
  const send = (command: SimpleMenuCommand) => () => actions.send(command);
  // The page already handles these keys itself (renderer/src/shortcuts.ts), and must keep them in text
  // fields: the menu shows the key but does not take it (a click still sends the command).
  const pageKey = (accelerator: string) => ({ accelerator, registerAccelerator: false });

  const recentItems: MenuItemConstructorOptions[] =
    options.recent.length === 0
      ? [{ label: 'No Recent Files', enabled: false }]
      : options.recent.map((file) => ({ label: file, click: () => actions.openRecent(file) }));

  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      { label: 'New Window', accelerator: ACCELERATORS.new, click: () => actions.newWindow() },
      { label: 'Open…', accelerator: ACCELERATORS.open, click: () => actions.openDialog() },
      {
        label: 'Open Recent',
        submenu: [
          ...recentItems,
          { type: 'separator' },
          { label: 'Clear Recent', click: () => actions.clearRecent() },
        ],
      },
      { type: 'separator' },
      { id: 'save', label: 'Save', ...pageKey(ACCELERATORS.save), click: send('save') },
      { id: 'save-as', label: 'Save As…', ...pageKey(ACCELERATORS.saveAs), click: send('save-as') },
      { type: 'separator' },
      { role: 'close' },
      ...(mac ? [] : [{ type: 'separator' } as const, { role: 'quit' } as const]),
    ],
  };

  const edit: MenuItemConstructorOptions = {
    label: '&Edit',
    submenu: [
      { id: 'undo', label: 'Undo', ...pageKey(ACCELERATORS.undo), click: send('undo') },
      { id: 'redo', label: 'Redo', ...pageKey(ACCELERATORS.redo), click: send('redo') },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      {
        id: 'delete-selection',
        label: 'Delete',
        ...pageKey(ACCELERATORS.deleteSelection),
        click: send('delete-selection'),
      },
      {
        id: 'select-all',
        label: 'Select All',
        ...pageKey(ACCELERATORS.selectAll),
        click: send('select-all'),
      },
    ],
  };

  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      { id: 'fit-view', label: 'Fit to Window', ...pageKey(ACCELERATORS.fitView), click: send('fit-view') },
      {
        id: 'auto-layout',
        label: 'Auto Layout',
        accelerator: ACCELERATORS.autoLayout,
        click: send('auto-layout'),
      },
      {
        id: 'toggle-bottom-panel',
        label: 'Toggle Bottom Panel',
        accelerator: ACCELERATORS.togglePanel,
        click: send('toggle-bottom-panel'),
      },
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
      ...(options.devTools
        ? [{ type: 'separator' } as const, { role: 'reload' } as const, { role: 'toggleDevTools' } as const]
        : []),
    ],
  };

  const run: MenuItemConstructorOptions = {
    label: '&Run',
    submenu: [
      { id: 'run', label: 'Run', accelerator: ACCELERATORS.run, click: send('run') },
      { id: 'stop', label: 'Stop', accelerator: ACCELERATORS.stop, click: send('stop') },
      // No key of its own: Stop's key pressed again while the run drains aborts (as a second Ctrl-C).
      { id: 'abort', label: 'Abort', click: send('abort') },
      {
        id: 'pause-resume',
        label: 'Pause / Resume',
        accelerator: ACCELERATORS.pauseResume,
        click: send('pause-resume'),
      },
      { type: 'separator' },
      { id: 'validate', label: 'Validate', accelerator: ACCELERATORS.validate, click: send('validate') },
    ],
  };

  const help: MenuItemConstructorOptions = {
    role: 'help',
    submenu: [
      { id: 'show-shortcuts', label: 'Keyboard Shortcuts', click: send('show-shortcuts') },
      ...(mac ? [] : [{ label: `About ${appName}`, click: () => actions.about() }]),
    ],
  };

  const appMenu: MenuItemConstructorOptions = {
    label: appName,
    submenu: [
      { role: 'about' },
      { type: 'separator' },
      { role: 'services' },
      { type: 'separator' },
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      { type: 'separator' },
      { role: 'quit' },
    ],
  };

  return [...(mac ? [appMenu] : []), file, edit, view, run, help];
}
