// IPC handlers: one `ipcMain.handle` per host method (channel = method name, e.g. `run:start`) and per
// desktop message (`dialog:open`, `dialog:save`, `window:document`, `window:set-dirty`). Every message is
// checked: it must come from the main frame of one of our windows showing our page, and its params
// must parse. Each window is its own host session (windowSessions.ts): it receives the events of the
// runs it started or subscribed to.

import { app, dialog, ipcMain } from 'electron';
import type { IpcMainInvokeEvent } from 'electron';
import path from 'node:path';
import type { HostMethod, WorkflowFile } from '../engine/hostApi/api.js';
import {
  DESKTOP_CHANNELS,
  HOST_BRIDGE_FUNCTIONS,
  type BridgeResult,
  type RunEventsPayload,
} from './contract/ipc.js';
import { toWireError } from '../engine/hostApi/errors.js';
import { EXAMPLE_PREFIX } from '../engine/host/examples.js';
import type { HostService } from '../engine/host/hostService.js';
import { callHost } from './hostCalls.js';
import {
  parseDirtyFlag,
  parseSaveDialogParams,
  withWorkflowExtension,
  workflowFileName,
} from './dialogParams.js';
import { WindowSessions } from './windowSessions.js';
import type { WindowManager } from './windowManager.js';
import type { WorkflowWindow } from './workflowWindow.js';

const NOT_OURS: BridgeResult<never> = {
  ok: false,
  error: { message: 'Refused: this message did not come from a Sluice window' },
};

const failure = (err: unknown): BridgeResult<never> => ({ ok: false, error: toWireError(err) });

/** False when the window is gone. */
function sendRunEvents(w: WorkflowWindow, payload: RunEventsPayload): boolean {
  const win = w.browserWindow;
  if (win.isDestroyed() || win.webContents.isDestroyed()) return false;
  win.webContents.send(DESKTOP_CHANNELS.runEvents, payload);
  return true;
}

const WORKFLOW_FILTERS = [
  { name: 'Sluice workflows', extensions: ['sluice.json'] },
  { name: 'All files', extensions: ['*'] },
];

export function registerIpc(service: HostService, windows: WindowManager): () => void {
  const sessions = new WindowSessions<WorkflowWindow>(service, {
    send: sendRunEvents,
    watch: (w, gone) => w.browserWindow.once('closed', gone),
  });
  const channels: string[] = [];

  const handle = (
    channel: string,
    handler: (w: WorkflowWindow, params: unknown) => Promise<BridgeResult<unknown>>,
  ) => {
    channels.push(channel);
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, params: unknown) => {
      const w = windows.fromSender(event);
      if (w === undefined) return NOT_OURS;
      return handler(w, params);
    });
  };

  for (const method of Object.keys(HOST_BRIDGE_FUNCTIONS) as HostMethod[]) {
    handle(method, async (w, params) => {
      const result = await callHost(sessions.of(w), method, params, w.grants);
      if (!result.ok) return result;
      if (method === 'workflow:save' || method === 'workflow:open') {
        // The window now shows this file (title, recent files, File › Open finds it). Examples are not files.
        const file = (result.value as { path: string }).path;
        if (!file.startsWith(EXAMPLE_PREFIX)) {
          if (file !== w.document) w.setDocument(file);
          windows.documentShown(file);
        }
      }
      return result;
    });
  }

  handle(DESKTOP_CHANNELS.windowDocument, async (w) => {
    if (w.document === null) return { ok: true, value: null };
    try {
      return { ok: true, value: await service.call('workflow:open', { path: w.document }) };
    } catch (err) {
      return failure(err);
    }
  });

  handle(DESKTOP_CHANNELS.openDialog, async (w) => {
    const chosen = await dialog.showOpenDialog(w.browserWindow, {
      title: 'Open Workflow',
      filters: WORKFLOW_FILTERS,
      properties: ['openFile'],
    });
    const file = chosen.canceled ? undefined : chosen.filePaths[0];
    if (file === undefined) return { ok: true, value: null };
    if (!w.pristine) {
      // A window per workflow: the file opens in its own window (or the one already showing it).
      await windows.open(file);
      return { ok: true, value: null };
    }
    try {
      const doc: WorkflowFile = await service.call('workflow:open', { path: file });
      w.setDocument(doc.path);
      windows.documentShown(doc.path);
      return { ok: true, value: doc };
    } catch (err) {
      return failure(err);
    }
  });

  handle(DESKTOP_CHANNELS.saveDialog, async (w, raw) => {
    const params = parseSaveDialogParams(raw);
    if ('error' in params) return { ok: false, error: { message: params.error } };
    const folder = w.document !== null ? path.dirname(w.document) : app.getPath('documents');
    const name =
      w.document !== null && params.suggestedName === undefined
        ? path.basename(w.document)
        : workflowFileName(params.suggestedName);
    const chosen = await dialog.showSaveDialog(w.browserWindow, {
      title: 'Save Workflow',
      defaultPath: path.join(folder, name),
      filters: WORKFLOW_FILTERS,
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    });
    if (chosen.canceled || chosen.filePath === undefined || chosen.filePath === '') {
      w.saveCancelled();
      return { ok: true, value: null };
    }
    const file = withWorkflowExtension(chosen.filePath);
    w.grants.grant(file);
    try {
      const saved = await service.call('workflow:save', { path: file, text: params.text });
      w.setDocument(saved.path);
      windows.documentShown(saved.path);
      return { ok: true, value: saved };
    } catch (err) {
      return failure(err);
    }
  });

  const onDirty = (event: Electron.IpcMainEvent, raw: unknown) => {
    const dirty = parseDirtyFlag(raw);
    const w = windows.fromSender(event);
    if (w !== undefined && dirty !== undefined) w.setDirty(dirty);
  };
  ipcMain.on(DESKTOP_CHANNELS.setDirty, onDirty);

  return () => {
    sessions.closeAll();
    for (const channel of channels) ipcMain.removeHandler(channel);
    ipcMain.removeListener(DESKTOP_CHANNELS.setDirty, onDirty);
  };
}
