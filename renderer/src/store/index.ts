// The editor store: zustand slices combined into one vanilla store (usable without React, in tests)
// and a hook for components. Components read it through narrow selectors declared at module level.

import { createStore, type StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { createCheckSlice } from './checkSlice.js';
import { createFileSlice, type KeyValueStorage } from './fileSlice.js';
import { createGraphSlice } from './graphSlice.js';
import { createHistorySlice } from './historySlice.js';
import { createUiSlice } from './uiSlice.js';
import type { EditorState } from './types.js';

export type { EditorState } from './types.js';
export type EditorStore = StoreApi<EditorState>;

export interface EditorStoreOptions {
  storage?: KeyValueStorage | null;
  checkDelayMs?: number;
}

export function createEditorStore(options: EditorStoreOptions = {}): EditorStore {
  return createStore<EditorState>()((...a) => ({
    ...createGraphSlice(...a),
    ...createHistorySlice(...a),
    ...createFileSlice(options.storage ?? null)(...a),
    ...createUiSlice(...a),
    ...createCheckSlice(options.checkDelayMs ?? 150)(...a),
  }));
}

/** The app's one store (tests create their own with `createEditorStore`). */
export const editorStore: EditorStore = createEditorStore({
  storage: typeof localStorage === 'undefined' ? null : localStorage,
});

export function useEditor<T>(selector: (s: EditorState) => T): T {
  return useStore(editorStore, selector);
}
