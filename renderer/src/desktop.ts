// The desktop app's extras, when the host is the Electron preload bridge: the window's file, native
// open/save dialogs, the dirty flag main asks about before closing, and the native menu's commands.
// In `sluice serve` none of this exists and the in-page equivalents are used.

import type { HostClient } from '../../engine/host/api.js';
import type { DesktopHost, MenuCommand } from '../../engine/host/bridge.js';
import { WORKFLOW_EXTENSION } from '../../engine/model/workflow.js';
import { editorStore } from './store/index.js';
import { confirmDiscard, saveWorkflow } from './files.js';

export function desktopOf(host: HostClient): DesktopHost | undefined {
  return 'desktop' in host ? (host as HostClient & { desktop: DesktopHost }).desktop : undefined;
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Native "Save as": the dialog writes the file; the document is then saved there. */
export async function saveAsWithDialog(desktop: DesktopHost): Promise<void> {
  const store = editorStore.getState();
  try {
    const name =
      store.path?.split(/[\\/]/).at(-1) ??
      `${store.doc.name.replace(/[^\w.-]+/g, '-').toLowerCase()}${WORKFLOW_EXTENSION}`;
    const saved = await desktop.saveFileDialog({ text: store.serialize(), suggestedName: name });
    if (saved) {
      store.markSaved(saved.path);
      store.notify('info', `Saved ${saved.path}`);
    }
  } catch (err) {
    store.notify('error', `Cannot save: ${errorText(err)}`);
  }
}

export async function openWithDialog(desktop: DesktopHost): Promise<void> {
  const store = editorStore.getState();
  try {
    const file = await desktop.openFileDialog();
    if (!file) return;
    const result = store.loadDocument(file.path, file.text);
    if (!result.ok)
      store.notify(
        'error',
        `Cannot open ${file.path}: ${result.problems[0]?.message ?? 'not a workflow file'}`,
      );
  } catch (err) {
    store.notify('error', `Cannot open: ${errorText(err)}`);
  }
}

export interface DesktopActions {
  fitView(): void;
  autoLayout(): void;
}

/** Wires the desktop host to the editor; returns the undo of it. */
export function installDesktop(host: HostClient, desktop: DesktopHost, actions: DesktopActions): () => void {
  desktop
    .windowDocument()
    .then((file) => {
      if (file) editorStore.getState().loadDocument(file.path, file.text);
    })
    .catch((err: unknown) =>
      editorStore.getState().notify('error', `Cannot open this window's file: ${errorText(err)}`),
    );

  let dirty = false;
  const unsubscribeDirty = editorStore.subscribe((s) => {
    const now = s.isDirty();
    if (now !== dirty) {
      dirty = now;
      desktop.setDirty(now);
    }
  });

  const onCommand = (c: MenuCommand) => {
    const store = editorStore.getState();
    switch (c.command) {
      case 'open-file':
        confirmDiscard(() => {
          const result = editorStore.getState().loadDocument(c.file.path, c.file.text);
          if (!result.ok)
            store.notify(
              'error',
              `Cannot open ${c.file.path}: ${result.problems[0]?.message ?? 'not a workflow file'}`,
            );
        });
        return;
      case 'save':
        if (store.path) void saveWorkflow(host);
        else void saveAsWithDialog(desktop);
        return;
      case 'save-as':
        void saveAsWithDialog(desktop);
        return;
      case 'undo':
        return store.undo();
      case 'redo':
        return store.redo();
      case 'delete-selection':
        return store.deleteSelection();
      case 'select-all':
        return store.selectAll();
      case 'fit-view':
        return actions.fitView();
      case 'auto-layout':
        return actions.autoLayout();
      case 'validate':
        store.runCheck();
        store.notify('info', store.problems.length ? `${store.problems.length} problems` : 'No problems');
        return;
      default:
        // run, stop, pause-resume, toggle-bottom-panel, show-shortcuts: the live-run work (issue 4).
        store.notify('info', `“${c.command}” is not available in the editor yet.`);
    }
  };
  const unsubscribeMenu = desktop.onMenuCommand(onCommand);
  return () => {
    unsubscribeDirty();
    unsubscribeMenu();
  };
}
