// Selection, messages, view and theme: editor state that is not part of the document.

import type { StateCreator } from 'zustand';
import type { Position } from '../../../engine/model/workflow.js';
import { EMPTY_SELECTION, type Selection } from './edits.js';
import type { EditorState } from './types.js';

export type ThemeChoice = 'system' | 'light' | 'dark';

/**
 * What an error notice is about, so it goes away once that is put right: `check` (a run refused for
 * the graph's errors: gone when the check finds none), `file` (open, save, import: gone after the next
 * one that works), `host` (node types not listed: gone when they are), `edit` (a refused edit or
 * paste: gone after the next edit).
 */
export type NoticeCause = 'check' | 'file' | 'host' | 'edit';

export interface Notice {
  id: number;
  kind: 'info' | 'error';
  text: string;
  cause?: NoticeCause;
}

/** Quick-add search, opened by a double-click on the canvas or a wire dropped on empty space. */
export interface QuickAddRequest {
  /** Flow coordinates where the new node goes. */
  position: Position;
  /** Screen coordinates of the popup. */
  screen: Position;
  /** The dragged wire's end, when opened by dropping a wire: only types whose ports fit it are listed. */
  from?: { nodeId: string; port: string; side: 'source' | 'target' };
  /** Insert the new node into this edge: only types that fit both its ends are listed. */
  insertOn?: string;
}

/** A right-click menu on the canvas: what was clicked, and where (screen and flow coordinates). */
export interface ContextMenuRequest {
  target: { kind: 'node' | 'note' | 'edge'; id: string } | { kind: 'canvas' };
  screen: Position;
  flow: Position;
}

/**
 * A modal dialog: the workspace file browser (open, import; save as, with what to do once saved) or
 * the question before unsaved work is replaced: Save (then go on), Don't save (go on), Cancel.
 */
export type DialogRequest =
  | { kind: 'open' | 'import' }
  | { kind: 'saveAs'; then?: () => void }
  | { kind: 'unsaved'; name: string; save: () => void; discard: () => void };

export interface UiSlice {
  dialog: DialogRequest | null;
  openDialog(dialog: DialogRequest | null): void;
  selection: Selection;
  view: 'welcome' | 'editor';
  theme: ThemeChoice;
  notices: Notice[];
  quickAdd: QuickAddRequest | null;
  contextMenu: ContextMenuRequest | null;
  openContextMenu(request: ContextMenuRequest | null): void;
  select(sel: Selection): void;
  selectAll(): void;
  /** Drops selected ids the document no longer has (after delete, undo). */
  pruneSelection(): void;
  setView(view: 'welcome' | 'editor'): void;
  setTheme(theme: ThemeChoice): void;
  /** A new notice with a cause replaces the older one of the same cause. */
  notify(kind: Notice['kind'], text: string, cause?: NoticeCause): void;
  dismissNotice(id: number): void;
  /** Its cause is put right: its notices go. */
  clearNotices(cause: NoticeCause): void;
  openQuickAdd(request: QuickAddRequest | null): void;
}

let noticeId = 1;

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

export const createUiSlice: StateCreator<EditorState, [], [], UiSlice> = (set, get) => ({
  dialog: null,
  openDialog(dialog) {
    set({ dialog });
  },
  selection: EMPTY_SELECTION,
  view: 'welcome',
  theme: 'system',
  notices: [],
  quickAdd: null,
  contextMenu: null,
  openContextMenu(request) {
    set({ contextMenu: request });
  },
  select(sel) {
    const cur = get().selection;
    if (sameIds(cur.nodes, sel.nodes) && sameIds(cur.edges, sel.edges) && sameIds(cur.notes, sel.notes))
      return;
    set({ selection: sel });
  },
  selectAll() {
    const { doc } = get();
    set({
      selection: {
        nodes: doc.nodes.map((n) => n.id),
        edges: doc.edges.map((e) => e.id),
        notes: (doc.notes ?? []).map((n) => n.id),
      },
    });
  },
  pruneSelection() {
    const { doc, selection } = get();
    const nodes = new Set(doc.nodes.map((n) => n.id));
    const edges = new Set(doc.edges.map((e) => e.id));
    const notes = new Set((doc.notes ?? []).map((n) => n.id));
    get().select({
      nodes: selection.nodes.filter((id) => nodes.has(id)),
      edges: selection.edges.filter((id) => edges.has(id)),
      notes: selection.notes.filter((id) => notes.has(id)),
    });
  },
  setView(view) {
    set({ view });
  },
  setTheme(theme) {
    set({ theme });
  },
  notify(kind, text, cause) {
    const notice: Notice = { id: noticeId++, kind, text, ...(cause ? { cause } : {}) };
    const others = cause ? get().notices.filter((n) => n.cause !== cause) : get().notices;
    set({ notices: [...others.slice(-3), notice] });
  },
  clearNotices(cause) {
    const { notices } = get();
    if (notices.some((n) => n.cause === cause)) set({ notices: notices.filter((n) => n.cause !== cause) });
  },
  dismissNotice(id) {
    set({ notices: get().notices.filter((n) => n.id !== id) });
  },
  openQuickAdd(request) {
    set({ quickAdd: request });
  },
});
