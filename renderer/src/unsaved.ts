// No lost work: every path that replaces the open document (New, Open, an example, a recent file,
// Import as a new document, a file the desktop opens) goes through `replaceDocument`. A dirty
// document asks first: Save (then go on, once saved), Don't save (go on) or Cancel (nothing happens).

import type { HostClient } from '../../engine/hostApi/api.js';
import type { EditorStore } from './store/index.js';
import { saveWorkflow } from './files.js';
import { saveNative } from './host/desktop.js';

/** Saves the document (asking for a name when it has none) and runs `then` once it is saved. */
export async function saveThen(host: HostClient, editor: EditorStore, then: () => void): Promise<void> {
  const desktop = host.desktop;
  if (desktop) {
    if (await saveNative(host, desktop, editor)) then();
    return;
  }
  const { path } = editor.getState();
  if (path === null || path.startsWith('example:')) {
    editor.getState().openDialog({ kind: 'saveAs', then });
    return;
  }
  if (await saveWorkflow(host, editor)) then();
}

/** Runs `replace` now when nothing is unsaved, else after the person's answer to the prompt. */
export function replaceDocument(host: HostClient, editor: EditorStore, replace: () => void): void {
  const state = editor.getState();
  if (!state.isDirty()) {
    replace();
    return;
  }
  state.openDialog({
    kind: 'unsaved',
    name: state.doc.name,
    save: () => void saveThen(host, editor, replace),
    discard: replace,
  });
}
