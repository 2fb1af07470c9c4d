// Kept for the editor's callers: a node's live status now comes from the run slice (runStore.ts),
// the one source of truth for everything about the run on the canvas.

import { useStore } from 'zustand';
import type { NodeStatus } from '../../../engine/model/run.js';
import { runStore } from './runStore.js';

export function useNodeStatus(nodeId: string): NodeStatus | undefined {
  return useStore(runStore, (s) => s.run?.nodes[nodeId]?.status);
}
