// The preload of every Sluice window: exposes `window.sluiceHost` (electron/contract/ipc.ts) through
// contextBridge. One function per host message, each on its own IPC channel; the renderer never sees
// ipcRenderer or an IPC event object. Sandboxed: this file is bundled into one CommonJS file whose only
// `require` is 'electron'.

import { contextBridge, ipcRenderer } from 'electron';
import type { IpcRendererEvent } from 'electron';
import type { RunEvent } from '../engine/model/run.js';
import type { HostMethod } from '../engine/hostApi/api.js';
import {
  DESKTOP_CHANNELS,
  HOST_BRIDGE_FUNCTIONS,
  type BridgeResult,
  type DesktopBridgeFunctions,
  type HostBridgeFunctions,
  type MenuCommand,
  type RunEventsPayload,
  type SaveDialogParams,
  type SluiceBridge,
} from './contract/ipc.js';

function invoker(channel: HostMethod) {
  // A fresh closure per channel: the renderer cannot choose the channel name.
  return (params: unknown): Promise<BridgeResult<unknown>> => ipcRenderer.invoke(channel, params ?? {});
}

function hostFunctions(): HostBridgeFunctions {
  const functions: Record<string, (params: unknown) => Promise<BridgeResult<unknown>>> = {};
  for (const [method, name] of Object.entries(HOST_BRIDGE_FUNCTIONS)) {
    functions[name] = invoker(method as HostMethod);
  }
  // Each entry's params/result types are checked by HOST_BRIDGE_FUNCTIONS' `satisfies` and ipc.ts.
  return functions as unknown as HostBridgeFunctions;
}

function subscribe<T>(channel: string, listener: (payload: T) => void): () => void {
  const wrapped = (_event: IpcRendererEvent, payload: T) => listener(payload);
  ipcRenderer.on(channel, wrapped);
  return () => {
    ipcRenderer.removeListener(channel, wrapped);
  };
}

const desktop: DesktopBridgeFunctions = {
  openFileDialog: () => ipcRenderer.invoke(DESKTOP_CHANNELS.openDialog),
  saveFileDialog: (params: SaveDialogParams) => ipcRenderer.invoke(DESKTOP_CHANNELS.saveDialog, params),
  windowDocument: () => ipcRenderer.invoke(DESKTOP_CHANNELS.windowDocument),
  setDirty: (dirty: boolean) => ipcRenderer.send(DESKTOP_CHANNELS.setDirty, dirty === true),
  onRunEvents: (listener: (runId: string, events: RunEvent[]) => void) =>
    subscribe<RunEventsPayload>(DESKTOP_CHANNELS.runEvents, (p) => listener(p.runId, p.events)),
  onMenuCommand: (listener: (command: MenuCommand) => void) =>
    subscribe<MenuCommand>(DESKTOP_CHANNELS.menuCommand, listener),
};

const bridge: SluiceBridge = { ...hostFunctions(), ...desktop };
contextBridge.exposeInMainWorld('sluiceHost', bridge);
