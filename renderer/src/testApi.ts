// A small typed test API on `window.__sluice` (tldraw's idea): E2E specs act as a person does, and
// use this only to read state back (the document, the selection) and to check their assertions.
import type { Workflow } from '../../engine/model/workflow.js';
import type { EditorStore } from './store/index.js';
import type { AppStores } from './store/context.js';
import type { RunStore } from './run/runStore.js';
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

/** Exposes the stores the app was started with (main.tsx). */
export function installTestApi({ editor, runs }: AppStores): void {
  window.__sluice = {
    store: editor,
    doc: () => editor.getState().doc,
    serialize: () => editor.getState().serialize(),
    isDirty: () => editor.getState().isDirty(),
    setNodeStatuses: (updates) => runs.getState().applyStatuses(updates),
    runs,
  };
}
