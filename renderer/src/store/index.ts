// The editor store: zustand slices combined into one vanilla store (usable without React, in tests)
// and hooks for components, which reach it through <StoresProvider> (./context.ts). Components read it
// through narrow selectors declared at module level.

import { createStore, type StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { createCheckSlice } from './checkSlice.js';
import { createFileSlice, type KeyValueStorage } from './fileSlice.js';
import { createGraphSlice } from './graphSlice.js';
import { createHistorySlice } from './historySlice.js';
import { createUiSlice } from './uiSlice.js';
import type { EditorState } from './types.js';
import { useStores } from './context.js';

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

/** The provided editor store itself, to act on it from an event handler. */
export function useEditorStore(): EditorStore {
  return useStores().editor;
}

export function useEditor<T>(selector: (s: EditorState) => T): T {
  return useStore(useStores().editor, selector);
}
