// One BrowserWindow per workflow file, with the renderer locked down (context isolation, sandbox, no
// Node integration, web security) and the state main keeps about it: which file it shows, whether its
// work is unsaved, which files its user has chosen.

import { BrowserWindow, dialog } from 'electron';
import path from 'node:path';
import type { MenuCommand } from '../engine/hostApi/desktop.js';
import { DESKTOP_CHANNELS } from './contract/ipc.js';
import { APP_INDEX_URL } from './appUrl.js';
import { closeAnswer, unsavedChangesPrompt } from './closePrompt.js';
import { FileGrants } from './fileAccess.js';
import { MIN_WINDOW_SIZE, type WindowState } from './windowState.js';

export interface WorkflowWindowOptions {
  preloadPath: string;
  state: WindowState;
  document: string | null;
  /** The app's workspace folder: its workflow files may be saved without a dialog. */
  workspace: string;
  iconPath?: string;
  devTools: boolean;
  /** Bounds changed (moved, resized, maximized) or the window is closing. */
  onStateChange(state: WindowState): void;
  onClosed(window: WorkflowWindow): void;
}

export class WorkflowWindow {
  readonly browserWindow: BrowserWindow;
  readonly grants: FileGrants;
  #document: string | null;
  #dirty = false;
  #closeApproved = false;
  #saveThenClose = false;

  constructor(options: WorkflowWindowOptions) {
    const { bounds, maximized } = options.state;
    this.#document = options.document;
    this.grants = new FileGrants(options.workspace);
    if (options.document !== null) this.grants.grant(options.document);
    this.browserWindow = new BrowserWindow({
      ...bounds,
      minWidth: MIN_WINDOW_SIZE.width,
      minHeight: MIN_WINDOW_SIZE.height,
      show: false,
      title: this.title(),
      backgroundColor: '#1e1f24',
      ...(options.iconPath ? { icon: options.iconPath } : {}),
      webPreferences: {
        preload: options.preloadPath,
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        experimentalFeatures: false,
        navigateOnDragDrop: false,
        spellcheck: false,
        devTools: options.devTools,
      },
    });
    const win = this.browserWindow;
    if (maximized) win.maximize();
    win.once('ready-to-show', () => win.show());
    // A page that fails to load never becomes ready: show the window anyway rather than nothing.
    win.webContents.once('did-fail-load', () => win.show());
    // The title names the file (and unsaved work); the page's <title> must not replace it.
    win.on('page-title-updated', (event) => event.preventDefault());

    let timer: NodeJS.Timeout | undefined;
    const report = () => {
      // Normal bounds: a maximized window comes back maximized, and un-maximizes to its old size.
      if (!win.isDestroyed())
        options.onStateChange({ bounds: win.getNormalBounds(), maximized: win.isMaximized() });
    };
    const debounced = () => {
      clearTimeout(timer);
      timer = setTimeout(report, 500);
    };
    win.on('resize', debounced);
    win.on('move', debounced);
    win.on('maximize', debounced);
    win.on('unmaximize', debounced);

    win.on('close', (event) => {
      if (this.#dirty && !this.#closeApproved) {
        event.preventDefault();
        this.#askBeforeClose();
        return;
      }
      clearTimeout(timer);
      report();
    });
    win.on('closed', () => options.onClosed(this));
    void win.loadURL(APP_INDEX_URL);
  }

  get document(): string | null {
    return this.#document;
  }

  get dirty(): boolean {
    return this.#dirty;
  }

  /** A new window nobody has typed into yet: File › Open may reuse it. */
  get pristine(): boolean {
    return this.#document === null && !this.#dirty;
  }

  setDocument(file: string): void {
    this.#document = file;
    this.grants.grant(file);
    this.#updateTitle();
  }

  setDirty(dirty: boolean): void {
    this.#dirty = dirty;
    this.#updateTitle();
    if (!dirty && this.#saveThenClose) {
      this.#closeApproved = true;
      this.browserWindow.close();
    }
  }

  /** The user cancelled Save As: a later save must not close the window by surprise. */
  saveCancelled(): void {
    this.#saveThenClose = false;
  }

  send(command: MenuCommand): void {
    if (!this.browserWindow.isDestroyed())
      this.browserWindow.webContents.send(DESKTOP_CHANNELS.menuCommand, command);
  }

  title(): string {
    const name = this.#document === null ? 'Untitled' : path.basename(this.#document);
    return `${this.#dirty ? '• ' : ''}${name} — Sluice`;
  }

  #updateTitle(): void {
    const win = this.browserWindow;
    if (win.isDestroyed()) return;
    win.setTitle(this.title());
    if (process.platform === 'darwin') {
      win.setDocumentEdited(this.#dirty);
      if (this.#document !== null) win.setRepresentedFilename(this.#document);
    }
  }

  #askBeforeClose(): void {
    const name = this.#document === null ? 'Untitled' : path.basename(this.#document);
    const answer = closeAnswer(dialog.showMessageBoxSync(this.browserWindow, unsavedChangesPrompt(name)));
    if (answer === 'discard') {
      this.#closeApproved = true;
      this.browserWindow.close();
    } else if (answer === 'save') {
      // The renderer saves (it holds the graph) and reports dirty=false, which closes the window.
      this.#saveThenClose = true;
      this.send({ command: 'save' });
    }
  }
}
