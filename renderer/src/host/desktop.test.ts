// The page side of the desktop window: the real editor store and the real HostService (behind the
// same preload client and callHost checks the app uses); only Electron's window — dialogs, menu,
// the dirty flag's receiver — is stood in for by a recorder, since Electron does not run in Node.

import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostMethod, WorkflowFile } from '../../../engine/hostApi/api.js';
import type { RunEvent } from '../../../engine/model/run.js';
import {
  HOST_BRIDGE_FUNCTIONS,
  type MenuCommand,
  type SaveDialogParams,
  type SluiceBridge,
} from '../../../electron/contract/ipc.js';
import { createHostService, type HostService } from '../../../engine/host/hostService.js';
import { FileGrants } from '../../../electron/fileAccess.js';
import { callHost } from '../../../electron/hostCalls.js';
import { createEditorStore } from '../store/index.js';
import { connectDesktop } from './desktop.js';
import { createPreloadHost } from './preloadClient.js';

const examples = path.resolve(import.meta.dirname, '../../../examples');

interface WindowRecorder {
  dirty: boolean[];
  saveRequests: SaveDialogParams[];
  menu?: (command: MenuCommand) => void;
}

function desktopWindow(service: HostService, dir: string, document: WorkflowFile | null) {
  const grants = new FileGrants();
  const seen: WindowRecorder = { dirty: [], saveRequests: [] };
  // As main does per window: one host session, whose run events go to this window's listeners.
  const listeners = new Set<(runId: string, events: RunEvent[]) => void>();
  const session = service.openSession((runId, events) => listeners.forEach((l) => l(runId, events)));
  const host: Record<string, unknown> = {};
  for (const [method, name] of Object.entries(HOST_BRIDGE_FUNCTIONS)) {
    host[name] = (params: unknown) => callHost(session, method as HostMethod, params, grants);
  }
  const bridge: SluiceBridge = {
    ...(host as unknown as SluiceBridge),
    windowDocument: async () => ({ ok: true, value: document }),
    openFileDialog: async () => ({ ok: true, value: null }),
    // As main does: the person picks a path, main writes the file there.
    saveFileDialog: async (params) => {
      seen.saveRequests.push(params);
      const file = path.join(dir, `${params.suggestedName ?? 'x'}.sluice.json`);
      grants.grant(file);
      return { ok: true, value: await service.call('workflow:save', { path: file, text: params.text }) };
    },
    setDirty: (dirty) => void seen.dirty.push(dirty),
    onRunEvents: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onMenuCommand: (listener) => {
      seen.menu = listener;
      return () => undefined;
    },
  };
  return { host: createPreloadHost(bridge), seen };
}

describe('connectDesktop', () => {
  let dir: string;
  let service: HostService;
  let numbers: WorkflowFile;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'sluice-desktop-'));
    service = await createHostService({
      workspace: dir,
      confine: false,
      examplesDir: examples,
      runsDir: path.join(dir, 'runs'),
    });
    numbers = await service.call('workflow:open', { path: 'example:numbers-pipeline.sluice.json' });
  });
  afterAll(async () => {
    await service.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('loads the window’s file, reports unsaved work, and saves through the native dialog', async () => {
    const store = createEditorStore({ checkDelayMs: 0 });
    const { host, seen } = desktopWindow(service, dir, numbers);
    connectDesktop(host, store, { fitView: () => undefined });
    await expect.poll(() => store.getState().doc.name).toBe('Numbers pipeline');
    expect(seen.dirty).toEqual([false]);

    store.getState().renameWorkflow('Squares');
    expect(seen.dirty).toEqual([false, true]);

    // File › Save on an example: examples are read-only, so it is a Save As.
    seen.menu?.({ command: 'save' });
    await expect.poll(() => seen.dirty.at(-1)).toBe(false);
    const saved = path.join(dir, 'Squares.sluice.json');
    expect(store.getState().path).toBe(saved);
    expect(JSON.parse(await readFile(saved, 'utf8')).name).toBe('Squares');

    // Saving again writes in place, with no dialog.
    store.getState().renameWorkflow('Squares 2');
    seen.menu?.({ command: 'save' });
    await expect.poll(async () => JSON.parse(await readFile(saved, 'utf8')).name).toBe('Squares 2');
    expect(seen.saveRequests).toHaveLength(1);
  });

  it('acts on menu commands: open-file, undo, redo, run', async () => {
    const store = createEditorStore({ checkDelayMs: 0 });
    let runs = 0;
    const { host, seen } = desktopWindow(service, dir, null);
    connectDesktop(host, store, { fitView: () => undefined, run: () => runs++ });
    seen.menu?.({ command: 'open-file', file: numbers });
    expect(store.getState().doc.nodes).toHaveLength(4);
    store.getState().renameWorkflow('Renamed');
    seen.menu?.({ command: 'undo' });
    expect(store.getState().doc.name).toBe('Numbers pipeline');
    seen.menu?.({ command: 'redo' });
    expect(store.getState().doc.name).toBe('Renamed');
    seen.menu?.({ command: 'run' });
    expect(runs).toBe(1);
  });

  it('does nothing in a browser tab', () => {
    const store = createEditorStore({ checkDelayMs: 0 });
    const browserHost = {
      kind: 'server' as const,
      call: () => Promise.reject(new Error('unused')),
      onRunEvents: () => () => undefined,
    };
    expect(connectDesktop(browserHost, store, { fitView: () => undefined })()).toBeUndefined();
  });
});
