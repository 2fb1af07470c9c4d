// Undo/redo of recorded diffs. An edit records the diff between the document before and after it;
// edits sharing a `group` key (the frames of one drag, the keystrokes of one field) form one undo step.

import type { StateCreator } from 'zustand';
import { applyDiff, diffWorkflow, invertDiff, isEmptyDiff, type WorkflowDiff } from './diff.js';
import type { EditorState } from './types.js';
import type { Workflow } from '../../../engine/model/workflow.js';

export interface HistoryStep {
  /** Unique, increasing: the file slice compares it with the step current at the last save. */
  id: number;
  label: string;
  diff: WorkflowDiff;
}

export interface HistorySlice {
  undoStack: HistoryStep[];
  redoStack: HistoryStep[];
  /** The step edits with the same group key merge into, and the document before its first edit. */
  openGroup: { key: string; stepId: number; base: Workflow } | null;
  /** Records `before → after` as an undo step (merged into the open group when the key matches). */
  record(before: Workflow, after: Workflow, label: string, group?: string): void;
  /** Closes the open group: the next edit starts a new undo step. */
  endGroup(): void;
  undo(): void;
  redo(): void;
  clearHistory(): void;
  /** Id of the step the document is at (0 before any edit). */
  currentStepId(): number;
}

let nextStepId = 1;

export const createHistorySlice: StateCreator<EditorState, [], [], HistorySlice> = (set, get) => ({
  undoStack: [],
  redoStack: [],
  openGroup: null,
  record(before, after, label, group) {
    const { undoStack, openGroup } = get();
    const top = undoStack.at(-1);
    if (group !== undefined && openGroup?.key === group && top?.id === openGroup.stepId) {
      // Same gesture: the step's diff becomes base → now, so it undoes the whole gesture at once.
      const merged: HistoryStep = { ...top, diff: diffWorkflow(openGroup.base, after) };
      set({ undoStack: [...undoStack.slice(0, -1), merged], redoStack: [] });
      return;
    }
    const diff = diffWorkflow(before, after);
    if (isEmptyDiff(diff)) return;
    const step: HistoryStep = { id: nextStepId++, label, diff };
    set({
      undoStack: [...undoStack, step],
      redoStack: [],
      openGroup: group === undefined ? null : { key: group, stepId: step.id, base: before },
    });
  },
  endGroup() {
    if (get().openGroup) set({ openGroup: null });
  },
  undo() {
    const { undoStack, redoStack, doc } = get();
    const step = undoStack.at(-1);
    if (!step) return;
    set({
      doc: applyDiff(doc, invertDiff(step.diff)),
      undoStack: undoStack.slice(0, -1),
      redoStack: [...redoStack, step],
      openGroup: null,
    });
    get().afterDocChange();
  },
  redo() {
    const { undoStack, redoStack, doc } = get();
    const step = redoStack.at(-1);
    if (!step) return;
    set({
      doc: applyDiff(doc, step.diff),
      undoStack: [...undoStack, step],
      redoStack: redoStack.slice(0, -1),
      openGroup: null,
    });
    get().afterDocChange();
  },
  clearHistory() {
    set({ undoStack: [], redoStack: [], openGroup: null });
  },
  currentStepId() {
    return get().undoStack.at(-1)?.id ?? 0;
  },
});
