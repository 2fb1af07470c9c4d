// Which file the document came from, whether it changed since the last save, and recent files.
// Pure state: reading and writing files goes through the host in ../files.ts.

import type { StateCreator } from 'zustand';
import type { Problem } from '../../../engine/model/problem.js';
import { emptyWorkflow } from '../../../engine/model/workflow.js';
import { parseWorkflow } from '../../../engine/model/load.js';
import { serializeWorkflow } from '../../../engine/model/save.js';
import { EMPTY_SELECTION } from './edits.js';
import type { EditorState } from './types.js';

export const RECENT_LIMIT = 8;

/** Where recent files are kept: localStorage in the app, anything with this shape in tests. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

const RECENT_KEY = 'sluice.recentFiles';

export interface FileSlice {
  /** Path as the host names it; null for a document never saved. */
  path: string | null;
  /** History step the document was at when last opened or saved. */
  savedStepId: number;
  /** Bumped when another document replaces this one (new, open): the canvas frames it afresh. */
  docEpoch: number;
  recent: string[];
  storage: KeyValueStorage | null;
  newDocument(name?: string): void;
  /** Replaces the document with a file's text. Problems (bad JSON, schema) leave the document as is. */
  loadDocument(path: string | null, text: string): { ok: true } | { ok: false; problems: Problem[] };
  /** Brings back unsaved work (the autosave): like loadDocument, but the document stays dirty. */
  restoreDocument(path: string | null, text: string): { ok: true } | { ok: false; problems: Problem[] };
  /** Canonical file text of the document (stable bytes: same graph, same text). */
  serialize(): string;
  markSaved(path: string): void;
  isDirty(): boolean;
  addRecent(path: string): void;
}

export function readRecent(storage: KeyValueStorage | null): string[] {
  if (!storage) return [];
  try {
    const value: unknown = JSON.parse(storage.getItem(RECENT_KEY) ?? '[]');
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

export const createFileSlice =
  (storage: KeyValueStorage | null): StateCreator<EditorState, [], [], FileSlice> =>
  (set, get) => ({
    path: null,
    savedStepId: 0,
    docEpoch: 0,
    recent: readRecent(storage),
    storage,
    newDocument(name = 'Untitled') {
      get().clearHistory();
      set({
        doc: emptyWorkflow(name),
        path: null,
        savedStepId: 0,
        docEpoch: get().docEpoch + 1,
        selection: EMPTY_SELECTION,
        view: 'editor',
      });
      get().afterDocChange();
    },
    loadDocument(path, text) {
      const parsed = parseWorkflow(text);
      if (!parsed.workflow) return { ok: false, problems: parsed.problems };
      get().clearHistory();
      set({
        doc: parsed.workflow,
        path,
        savedStepId: 0,
        docEpoch: get().docEpoch + 1,
        selection: EMPTY_SELECTION,
        view: 'editor',
      });
      if (path) get().addRecent(path);
      get().clearNotices('file');
      get().afterDocChange();
      return { ok: true };
    },
    restoreDocument(path, text) {
      const result = get().loadDocument(path, text);
      // No history step has id -1: dirty until saved, whatever is undone.
      if (result.ok) set({ savedStepId: -1 });
      return result;
    },
    serialize() {
      return serializeWorkflow(get().doc);
    },
    markSaved(path) {
      set({ path, savedStepId: get().currentStepId() });
      get().clearNotices('file');
      get().addRecent(path);
    },
    isDirty() {
      return get().currentStepId() !== get().savedStepId;
    },
    addRecent(path) {
      const recent = [path, ...get().recent.filter((p) => p !== path)].slice(0, RECENT_LIMIT);
      set({ recent });
      get().storage?.setItem(RECENT_KEY, JSON.stringify(recent));
    },
  });
