// Keyboard shortcuts people expect: Ctrl/Cmd+S, Z, Shift+Z, Y, C, V, D, A, Delete, and F to fit.
// Copy and paste use the clipboard events, so they work without a clipboard permission prompt and
// the text goes to (and comes from) other windows and text editors.

import type { HostClient } from '../../engine/hostApi/api.js';
import type { EditorStore } from './store/index.js';
import { saveWorkflow } from './files.js';
import { saveAsNative, saveNative } from './host/desktop.js';
import { pointer } from './pointer.js';
import { isTextField } from './textFields.js';

export interface ShortcutActions {
  fitView(): void;
}

export function installShortcuts(
  host: HostClient,
  editorStore: EditorStore,
  actions: ShortcutActions,
): () => void {
  const onKeyDown = (e: KeyboardEvent) => {
    const store = editorStore.getState();
    const mod = e.ctrlKey || e.metaKey;
    const key = e.key.toLowerCase();
    if (mod && key === 's') {
      e.preventDefault();
      const desktop = host.desktop;
      if (desktop)
        void (e.shiftKey ? saveAsNative(desktop, editorStore) : saveNative(host, desktop, editorStore));
      else if (e.shiftKey) store.openDialog({ kind: 'saveAs' });
      else void saveWorkflow(host, editorStore);
      return;
    }
    if (isTextField(e.target) || store.view !== 'editor' || store.dialog) return;
    if (mod && key === 'z') {
      e.preventDefault();
      if (e.shiftKey) store.redo();
      else store.undo();
    } else if (mod && key === 'y') {
      e.preventDefault();
      store.redo();
    } else if (mod && key === 'd') {
      e.preventDefault();
      store.duplicateSelection();
    } else if (mod && key === 'a') {
      e.preventDefault();
      store.selectAll();
    } else if (!mod && (e.key === 'Delete' || e.key === 'Backspace')) {
      e.preventDefault();
      store.deleteSelection();
    } else if (!mod && !e.altKey && key === 'f') {
      e.preventDefault();
      actions.fitView();
    }
  };
  const onCopy = (e: ClipboardEvent) => {
    if (isTextField(e.target) || editorStore.getState().view !== 'editor') return;
    const text = editorStore.getState().copySelection();
    if (text === null) return;
    e.clipboardData?.setData('text/plain', text);
    e.preventDefault();
  };
  const onPaste = (e: ClipboardEvent) => {
    if (isTextField(e.target) || editorStore.getState().view !== 'editor') return;
    const text = e.clipboardData?.getData('text/plain') ?? '';
    e.preventDefault();
    const store = editorStore.getState();
    const result = store.pasteText(text, pointer.flow ?? undefined);
    if (!result.ok) store.notify('error', result.message, 'edit');
  };
  window.addEventListener('keydown', onKeyDown);
  document.addEventListener('copy', onCopy);
  document.addEventListener('paste', onPaste);
  return () => {
    window.removeEventListener('keydown', onKeyDown);
    document.removeEventListener('copy', onCopy);
    document.removeEventListener('paste', onPaste);
  };
}
