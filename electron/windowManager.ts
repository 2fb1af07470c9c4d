// All open workflow windows: opens a file in the window that already shows it, in the empty window the
// user is looking at, or in a new window; finds the window behind an IPC message (and refuses messages
// from anything but our own page's main frame); keeps the window state file current.

import { BrowserWindow, screen } from 'electron';
import type { IpcMainEvent, IpcMainInvokeEvent } from 'electron';
import path from 'node:path';
import type { WorkflowFile } from '../engine/hostApi/api.js';
import { isAppUrl } from './appUrl.js';
import { WorkflowWindow } from './workflowWindow.js';
import { cascade, fitToDisplays, writeWindowState, type WindowState } from './windowState.js';

export interface WindowManagerOptions {
  preloadPath: string;
  stateFile: string;
  initialState: WindowState;
  /** The app's workspace folder (see FileGrants). */
  workspace: string;
  iconPath?: string;
  devTools: boolean;
  /** Reads a workflow file through the host service (same checks as the renderer's own opens). */
  readDocument(file: string): Promise<WorkflowFile>;
  /** A window now shows this file (opened or saved): recent documents. */
  onDocument(file: string): void;
  /** A file could not be opened. */
  onError(title: string, message: string): void;
}

export class WindowManager {
  readonly #windows = new Set<WorkflowWindow>();
  #state: WindowState;
  #saving: Promise<void> = Promise.resolve();

  constructor(private readonly options: WindowManagerOptions) {
    this.#state = options.initialState;
  }

  get count(): number {
    return this.#windows.size;
  }

  all(): WorkflowWindow[] {
    return [...this.#windows];
  }

  focused(): WorkflowWindow | undefined {
    const win = BrowserWindow.getFocusedWindow();
    return this.all().find((w) => w.browserWindow === win);
  }

  /** The window whose page sent this IPC message; undefined for a subframe or a foreign page. */
  fromSender(event: IpcMainInvokeEvent | IpcMainEvent): WorkflowWindow | undefined {
    const frame = event.senderFrame;
    // A frame with a parent is a subframe (an iframe the page should not have); only the top page talks.
    if (frame === null || frame.parent !== null || !isAppUrl(frame.url)) return undefined;
    return this.all().find(
      (w) => !w.browserWindow.isDestroyed() && w.browserWindow.webContents === event.sender,
    );
  }

  /** Opens `file` (or a new empty workflow when null) in the right window. */
  async open(file: string | null): Promise<void> {
    const absolute = file === null ? null : path.resolve(file);
    if (absolute !== null) {
      const showing = this.all().find((w) => w.document === absolute);
      if (showing) {
        focus(showing.browserWindow);
        return;
      }
      const target = this.focused();
      if (target?.pristine) {
        let doc: WorkflowFile;
        try {
          doc = await this.options.readDocument(absolute);
        } catch (err) {
          this.options.onError('Cannot open workflow', `${absolute}: ${(err as Error).message}`);
          return;
        }
        target.setDocument(doc.path);
        target.send({ command: 'open-file', file: doc });
        this.documentShown(doc.path);
        return;
      }
    }
    this.#create(absolute);
    if (absolute !== null) this.documentShown(absolute);
  }

  /** A window now shows this file (opened or saved). */
  documentShown(file: string): void {
    this.options.onDocument(file);
  }

  #create(document: string | null): WorkflowWindow {
    const workAreas = screen.getAllDisplays().map((d) => d.workArea);
    const state = cascade(fitToDisplays(this.#state, workAreas), this.#windows.size);
    const w = new WorkflowWindow({
      preloadPath: this.options.preloadPath,
      state,
      document,
      workspace: this.options.workspace,
      devTools: this.options.devTools,
      ...(this.options.iconPath ? { iconPath: this.options.iconPath } : {}),
      onStateChange: (next) => this.#remember(next),
      onClosed: (closed) => this.#windows.delete(closed),
    });
    this.#windows.add(w);
    return w;
  }

  /** The last window moved, resized or closed gives the bounds of the next one. */
  #remember(state: WindowState): void {
    this.#state = state;
    // Writes are chained so an older state never lands after a newer one.
    this.#saving = this.#saving
      .then(() => writeWindowState(this.options.stateFile, state))
      .catch((err: unknown) =>
        console.warn(`Could not save ${this.options.stateFile}: ${(err as Error).message}`),
      );
  }

  /** Resolves when the last state write has landed (before the app quits). */
  flush(): Promise<void> {
    return this.#saving;
  }
}

function focus(win: BrowserWindow): void {
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}
