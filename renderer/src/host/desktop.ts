// What a page does differently inside the desktop app (HostClient.desktop present): it loads the file
// its window was opened for, tells main when its work is unsaved (main asks before closing), saves
// through the native dialog, and acts on the native menu's commands. In a browser tab nothing here
// runs. Call `connectDesktop` once at start, beside installShortcuts.

import type { HostClient } from '../../../engine/hostApi/api.js';
import type { DesktopHost, MenuCommand, SimpleMenuCommand } from '../../../engine/hostApi/desktop.js';
import type { EditorStore } from '../store/index.js';
import { textFieldHasFocus } from '../textFields.js';

/** Commands the store cannot carry out by itself; absent ones are ignored (the feature is not there). */
export interface DesktopActions {
  fitView(): void;
  autoLayout?(): void;
  run?(): void;
  stop?(): void;
  abort?(): void;
  pauseResume?(): void;
  validate?(): void;
  toggleBottomPanel?(): void;
  showShortcuts?(): void;
  /** Runs `replace` once unsaved work is saved or given up (absent: at once). */
  replaceDocument?(replace: () => void): void;
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function loadFile(store: EditorStore, file: { path: string; text: string }): void {
  const result = store.getState().loadDocument(file.path, file.text);
  if (!result.ok) {
    const first = result.problems[0];
    store
      .getState()
      .notify('error', `Cannot open ${file.path}: ${first ? first.message : 'not a workflow file'}`, 'file');
  }
}

/** Save As through the native dialog. False when cancelled or failed (the reason is a notice). */
export async function saveAsNative(desktop: DesktopHost, store: EditorStore): Promise<boolean> {
  const state = store.getState();
  try {
    const saved = await desktop.saveFileDialog({ text: state.serialize(), suggestedName: state.doc.name });
    if (saved === null) return false;
    state.markSaved(saved.path);
    state.notify('info', `Saved ${saved.path}`);
    return true;
  } catch (err) {
    state.notify('error', `Cannot save: ${errorText(err)}`, 'file');
    return false;
  }
}

/** File › Open through the native dialog (the caller asks about unsaved work first). */
export async function openNative(desktop: DesktopHost, store: EditorStore): Promise<void> {
  try {
    const file = await desktop.openFileDialog();
    if (file !== null) loadFile(store, file);
  } catch (err) {
    store.getState().notify('error', `Cannot open: ${errorText(err)}`, 'file');
  }
}

/** Save in place when the document has a file, else Save As. */
export async function saveNative(
  host: HostClient,
  desktop: DesktopHost,
  store: EditorStore,
): Promise<boolean> {
  const state = store.getState();
  if (state.path === null || state.path.startsWith('example:')) return saveAsNative(desktop, store);
  try {
    const saved = await host.call('workflow:save', { path: state.path, text: state.serialize() });
    state.markSaved(saved.path);
    return true;
  } catch (err) {
    state.notify('error', `Cannot save ${state.path}: ${errorText(err)}`, 'file');
    return false;
  }
}

export function applyMenuCommand(
  command: MenuCommand,
  host: HostClient,
  desktop: DesktopHost,
  store: EditorStore,
  actions: DesktopActions,
): void {
  const state = store.getState();
  if (command.command === 'open-file') {
    const replace = () => loadFile(store, command.file);
    if (actions.replaceDocument) actions.replaceDocument(replace);
    else replace();
    return;
  }
  const textEdit: Partial<Record<SimpleMenuCommand, string>> = {
    undo: 'undo',
    redo: 'redo',
    'select-all': 'selectAll',
  };
  const editCommand = textEdit[command.command];
  // Undo, redo and select all act on a focused text field (inputs, Monaco) rather than on the graph.
  if (editCommand !== undefined && textFieldHasFocus()) {
    // execCommand is deprecated but remains Chromium's way to drive a field's own undo stack.
    document.execCommand(editCommand);
    return;
  }
  const handlers: Record<SimpleMenuCommand, () => void> = {
    save: () => void saveNative(host, desktop, store),
    'save-as': () => void saveAsNative(desktop, store),
    undo: () => state.undo(),
    redo: () => state.redo(),
    'select-all': () => state.selectAll(),
    'delete-selection': () => state.deleteSelection(),
    run: () => actions.run?.(),
    stop: () => actions.stop?.(),
    abort: () => actions.abort?.(),
    'pause-resume': () => actions.pauseResume?.(),
    validate: () => actions.validate?.(),
    'fit-view': () => actions.fitView(),
    'auto-layout': () => actions.autoLayout?.(),
    'toggle-bottom-panel': () => actions.toggleBottomPanel?.(),
    'show-shortcuts': () => actions.showShortcuts?.(),
  };
  handlers[command.command]();
}

/** Wires the page to its desktop window. Returns a function that undoes it; a no-op in a browser. */
export function connectDesktop(host: HostClient, store: EditorStore, actions: DesktopActions): () => void {
  const desktop = host.desktop;
  if (desktop === undefined) return () => undefined;

  void desktop
    .windowDocument()
    .then((file) => {
      if (file === null) return;
      // A document restored from the autosave is unsaved work too: ask before this file replaces it.
      const replace = () => loadFile(store, file);
      if (actions.replaceDocument) actions.replaceDocument(replace);
      else replace();
    })
    .catch((err: unknown) =>
      store.getState().notify('error', `Cannot open this window's file: ${errorText(err)}`, 'file'),
    );

  let dirty = store.getState().isDirty();
  desktop.setDirty(dirty);
  const unsubscribeStore = store.subscribe((state) => {
    const next = state.isDirty();
    if (next !== dirty) {
      dirty = next;
      desktop.setDirty(next);
    }
  });
  const unsubscribeMenu = desktop.onMenuCommand((command) =>
    applyMenuCommand(command, host, desktop, store, actions),
  );
  return () => {
    unsubscribeStore();
    unsubscribeMenu();
  };
}
