// Crash-safe autosave: while the document has unsaved changes, its text is kept in the browser's
// storage (localStorage: it survives a crash, a reload and a closed window), a moment after each
// change and when the page goes away; saving it, or replacing it after "Don't save", removes the
// copy. On the next start the copy is restored, still marked unsaved. One copy per browser profile:
// the most recently changed document wins.

import type { EditorStore } from './index.js';
import type { KeyValueStorage } from './fileSlice.js';

export const AUTOSAVE_KEY = 'sluice.autosave';

export interface AutosaveStorage extends KeyValueStorage {
  removeItem(key: string): void;
}

interface AutosaveRecord {
  path: string | null;
  name: string;
  text: string;
  savedAt: number;
}

function readRecord(storage: AutosaveStorage): AutosaveRecord | null {
  try {
    const value = JSON.parse(storage.getItem(AUTOSAVE_KEY) ?? 'null') as Partial<AutosaveRecord> | null;
    if (!value || typeof value.text !== 'string') return null;
    return {
      path: typeof value.path === 'string' ? value.path : null,
      name: typeof value.name === 'string' ? value.name : 'Untitled',
      text: value.text,
      savedAt: typeof value.savedAt === 'number' ? value.savedAt : 0,
    };
  } catch {
    return null;
  }
}

/** Restores the kept copy, if any, as an unsaved document. True when it did. */
export function restoreAutosave(editor: EditorStore, storage: AutosaveStorage): boolean {
  const record = readRecord(storage);
  if (!record) {
    storage.removeItem(AUTOSAVE_KEY);
    return false;
  }
  const result = editor.getState().restoreDocument(record.path, record.text);
  if (!result.ok) {
    storage.removeItem(AUTOSAVE_KEY);
    return false;
  }
  const when = new Date(record.savedAt).toLocaleTimeString();
  editor
    .getState()
    .notify(
      'info',
      `Restored unsaved changes to “${record.name}” (kept at ${when}). Save them to keep them.`,
    );
  return true;
}

/** Keeps the copy up to date from now on. Returns the undo. */
export function startAutosave(editor: EditorStore, storage: AutosaveStorage, delayMs = 250): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let failed = false;
  const write = () => {
    timer = undefined;
    const state = editor.getState();
    if (!state.isDirty()) {
      storage.removeItem(AUTOSAVE_KEY);
      return;
    }
    const record: AutosaveRecord = {
      path: state.path,
      name: state.doc.name,
      text: state.serialize(),
      savedAt: Date.now(),
    };
    try {
      storage.setItem(AUTOSAVE_KEY, JSON.stringify(record));
      failed = false;
    } catch (err) {
      // Storage full: say so once, rather than on every keystroke.
      if (!failed) state.notify('error', `Cannot keep a copy of unsaved changes: ${(err as Error).message}`);
      failed = true;
    }
  };
  const unsubscribe = editor.subscribe((s, prev) => {
    if (s.doc === prev.doc && s.savedStepId === prev.savedStepId && s.undoStack === prev.undoStack) return;
    timer ??= setTimeout(write, delayMs);
  });
  const flush = () => {
    if (timer === undefined) return;
    clearTimeout(timer);
    write();
  };
  window.addEventListener('pagehide', flush);
  return () => {
    unsubscribe();
    window.removeEventListener('pagehide', flush);
    flush();
  };
}
