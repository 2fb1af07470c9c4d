// HostClient over the Electron preload bridge (`window.sluiceHost`, electron/contract/ipc.ts). The
// bridge answers with data ({ok, value} | {ok: false, error}); this adapter turns failures back into
// HostError so callers see the same errors as with the WebSocket client.

import type { HostClient, HostMethod, HostParams, HostResult } from '../../../engine/hostApi/api.js';
import type { DesktopHost } from '../../../engine/hostApi/desktop.js';
import { HostError } from '../../../engine/hostApi/errors.js';
import {
  HOST_BRIDGE_FUNCTIONS,
  type BridgeResult,
  type SluiceBridge,
} from '../../../electron/contract/ipc.js';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in a browser tab (`sluice serve`). */
    sluiceHost?: SluiceBridge;
  }
}

/** The bridge when this page runs in the desktop app, else undefined. */
export function findPreloadBridge(): SluiceBridge | undefined {
  // globalThis is the window in a page; it also type-checks where no DOM types exist (Node tests).
  return (globalThis as { sluiceHost?: SluiceBridge }).sluiceHost;
}

function unwrap<T>(result: BridgeResult<T>, what: string): T {
  if (result === null || typeof result !== 'object') {
    throw new HostError(`The desktop host gave no answer to ${what}`);
  }
  if (result.ok) return result.value;
  throw new HostError(result.error.message, result.error.problems);
}

type BridgeCall = (params: unknown) => Promise<BridgeResult<unknown>>;

export function createPreloadHost(bridge: SluiceBridge): HostClient & { desktop: DesktopHost } {
  const desktop: DesktopHost = {
    openFileDialog: async () => unwrap(await bridge.openFileDialog(), 'dialog:open'),
    saveFileDialog: async (params) => unwrap(await bridge.saveFileDialog(params), 'dialog:save'),
    windowDocument: async () => unwrap(await bridge.windowDocument(), 'window:document'),
    setDirty: (dirty) => bridge.setDirty(dirty),
    onMenuCommand: (listener) => bridge.onMenuCommand(listener),
  };
  return {
    kind: 'electron',
    desktop,
    async call<M extends HostMethod>(method: M, params: HostParams<M>): Promise<HostResult<M>> {
      const name = HOST_BRIDGE_FUNCTIONS[method];
      // Indexing the mapped type by a union of names loses the per-method pairing; the pairing is
      // fixed by HOST_BRIDGE_FUNCTIONS, so a call through the widened signature is sound.
      const fn = bridge[name] as unknown as BridgeCall | undefined;
      if (typeof fn !== 'function') throw new HostError(`The desktop host has no function for "${method}"`);
      return unwrap(await fn(params), method) as HostResult<M>;
    },
    onRunEvents: (listener) => bridge.onRunEvents(listener),
  };
}
