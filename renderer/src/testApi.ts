// A small typed test API on `window.__sluice` (tldraw's idea): E2E specs act as a person does, and
// use this only to read state back (the document, the selection) and to check their assertions.
import type { Workflow } from '../../engine/model/workflow.js';
import { editorStore, type EditorStore } from './store/index.js';
import { runStore, type RunStore } from './run/runStore.js';
import type { NodeStatus } from '../../engine/model/run.js';

export interface SluiceTestApi {
  store: EditorStore;
  doc(): Workflow;
  serialize(): string;
  isDirty(): boolean;
  /** Live status updates, as the run events would bring them (benchmarks drive the canvas with it). */
  setNodeStatuses(updates: Record<string, NodeStatus>): void;
  /** The run slice: the live run on the canvas (statuses, timelines, counts, logs, errors). */
  runs: RunStore;
}

declare global {
  interface Window {
    __sluice?: SluiceTestApi;
  }
}

export function installTestApi(): void {
  window.__sluice = {
    store: editorStore,
    doc: () => editorStore.getState().doc,
    serialize: () => editorStore.getState().serialize(),
    isDirty: () => editorStore.getState().isDirty(),
    setNodeStatuses: (updates) => runStore.getState().applyStatuses(updates),
    runs: runStore,
  };
}
