// The Electron preload bridge (`window.sluiceHost`): the host API as one function per message, each on
// its own IPC channel, plus the few things only a desktop window has (file dialogs, menu commands, the
// unsaved-work flag). Pure types and constants: the preload, Electron main and the renderer share them.

import type { Problem } from '../../engine/model/problem.js';
import type { RunEvent } from '../../engine/model/run.js';
import type { HostMethod, HostParams, HostResult, WorkflowFile } from '../../engine/hostApi/api.js';
import type { MenuCommand, SaveDialogParams } from '../../engine/hostApi/desktop.js';
export type { MenuCommand, SaveDialogParams };

/** Host method → bridge function name. The IPC channel of a host method is the method name itself. */
export const HOST_BRIDGE_FUNCTIONS = {
  'nodes:list': 'listNodes',
  'workflow:validate': 'validateWorkflow',
  'workflow:infer': 'inferWorkflow',
  'workflow:open': 'openWorkflow',
  'workflow:save': 'saveWorkflow',
  'workflow:list': 'listWorkflows',
  'workflow:delete': 'deleteWorkflow',
  'workflow:examples': 'listExamples',
  'run:start': 'startRun',
  'trust:get': 'getTrust',
  'trust:grant': 'grantTrust',
  'run:stop': 'stopRun',
  'run:abort': 'abortRun',
  'run:pause': 'pauseRun',
  'run:resume': 'resumeRun',
  'run:list': 'listRuns',
  'run:get': 'getRun',
  'run:logs': 'getRunLogs',
  'run:outputs': 'listRunOutputs',
  'run:preview': 'previewRun',
  'run:subscribe': 'subscribeRun',
  'run:unsubscribe': 'unsubscribeRun',
} as const satisfies { [M in HostMethod]: string };

export type HostBridgeFunctionName = (typeof HOST_BRIDGE_FUNCTIONS)[HostMethod];

/**
 * Errors cross the bridge as data: Electron keeps only the message of an Error thrown through
 * `ipcMain.handle` or `contextBridge`, and a refused run must carry its problems to the canvas.
 */
export interface BridgeError {
  message: string;
  problems?: Problem[];
}
export type BridgeResult<T> = { ok: true; value: T } | { ok: false; error: BridgeError };

/** One function per host method, e.g. `listNodes({})`, `startRun({ workflow, path })`. */
export type HostBridgeFunctions = {
  [M in HostMethod as (typeof HOST_BRIDGE_FUNCTIONS)[M]]: (
    params: HostParams<M>,
  ) => Promise<BridgeResult<HostResult<M>>>;
};

/** Channels of the desktop-only part of the bridge (`domain:verb`). */
export const DESKTOP_CHANNELS = {
  /** invoke: native open dialog; main reads the chosen file. */
  openDialog: 'dialog:open',
  /** invoke: native save dialog; main writes the text to the chosen file. */
  saveDialog: 'dialog:save',
  /** invoke: the file this window was opened for (command line, File › Open, recent documents). */
  windowDocument: 'window:document',
  /** send: the renderer has (or no longer has) unsaved changes. */
  setDirty: 'window:set-dirty',
  /** main → renderer: a batch of events of a run this window started or subscribed to. */
  runEvents: 'host:run-events',
  /** main → renderer: a menu item was chosen. */
  menuCommand: 'menu:command',
} as const;

export interface DesktopBridgeFunctions {
  /** Shows the native open dialog; null when the user cancels. */
  openFileDialog(): Promise<BridgeResult<WorkflowFile | null>>;
  /** Shows the native save dialog and writes `text` there; null when the user cancels. */
  saveFileDialog(params: SaveDialogParams): Promise<BridgeResult<{ path: string } | null>>;
  /** The file this window was opened for, or null for a new, empty workflow. */
  windowDocument(): Promise<BridgeResult<WorkflowFile | null>>;
  /** Main asks before closing a window whose work is unsaved. */
  setDirty(dirty: boolean): void;
  /** Returns unsubscribe. */
  onRunEvents(listener: (runId: string, events: RunEvent[]) => void): () => void;
  /** Returns unsubscribe. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
}

/** `window.sluiceHost`, as exposed by electron/preload.ts. */
export type SluiceBridge = HostBridgeFunctions & DesktopBridgeFunctions;

/** Payload of DESKTOP_CHANNELS.runEvents. */
export interface RunEventsPayload {
  runId: string;
  events: RunEvent[];
}
