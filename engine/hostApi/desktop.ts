// The desktop-only part of the host API as the renderer sees it (`HostClient.desktop`): native file
// dialogs, the window's document, the unsaved-work flag and menu commands. Pure types and constants;
// the Electron IPC contract that carries them is electron/contract/ipc.ts.

import type { WorkflowFile } from './api.js';

export interface SaveDialogParams {
  /** The workflow file text to write. */
  text: string;
  /** Proposed file name or path (e.g. the workflow's name + `.sluice.json`). */
  suggestedName?: string;
}

/** Menu items without arguments; the renderer acts on them (the menu has no access to the graph). */
export const MENU_COMMANDS = [
  'save',
  'save-as',
  'undo',
  'redo',
  'delete-selection',
  'select-all',
  'run',
  'stop',
  'abort',
  'pause-resume',
  'validate',
  'fit-view',
  'auto-layout',
  'toggle-bottom-panel',
  'show-shortcuts',
] as const;
export type SimpleMenuCommand = (typeof MENU_COMMANDS)[number];

/**
 * What the menu asks of the renderer. `open-file`: File › Open chose a file and this window was empty,
 * so the renderer loads it instead of a new window opening. `undo`/`redo`/`select-all` come here
 * rather than to Chromium's roles so the canvas can apply them to the graph when no text field has focus.
 */
export type MenuCommand = { command: SimpleMenuCommand } | { command: 'open-file'; file: WorkflowFile };

/** The desktop part as the renderer sees it on `HostClient.desktop`: results unwrapped, errors thrown. */
export interface DesktopHost {
  openFileDialog(): Promise<WorkflowFile | null>;
  saveFileDialog(params: SaveDialogParams): Promise<{ path: string } | null>;
  windowDocument(): Promise<WorkflowFile | null>;
  setDirty(dirty: boolean): void;
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
}
