// Live per-node run status, kept apart from the editor store so that status updates (tens a second
// during a run) re-render only the status strips that changed, through one narrow selector per node.
// The live-run work (issue 4) feeds it from RunEvent batches.

import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { NodeStatus } from '../../../engine/model/run.js';

export interface NodeStatusState {
  statuses: Readonly<Record<string, NodeStatus>>;
  /** Applies a batch of status changes in one store update (one render pass). */
  apply(updates: Readonly<Record<string, NodeStatus>>): void;
  clear(): void;
}

export const nodeStatusStore = createStore<NodeStatusState>()((set, get) => ({
  statuses: {},
  apply(updates) {
    set({ statuses: { ...get().statuses, ...updates } });
  },
  clear() {
    set({ statuses: {} });
  },
}));

export function useNodeStatus(nodeId: string): NodeStatus | undefined {
  return useStore(nodeStatusStore, (s) => s.statuses[nodeId]);
}
