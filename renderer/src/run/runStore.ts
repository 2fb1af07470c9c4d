// The run slice: the live run the canvas shows, in its own vanilla zustand store so that event batches
// (up to ~30 a second) never touch the editor store and its document subscribers. One batch is one
// `set`, and components read it through per-node / per-edge selectors (hooks below).

import { createStore, type StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { EdgeCount, NodeStatus, RunEvent } from '../../../engine/model/run.js';
import { useStores } from '../store/context.js';
import { applyEvents, emptyRun, type NodeRunInfo, type RunState } from './runState.js';

export interface RunSlice {
  /** The run on the canvas: the current one, or the last one until the next starts. */
  run: RunState | null;
  /** A request to the host is in flight (start, stop, abort, pause, resume). */
  busy: 'start' | 'stop' | 'abort' | 'pause' | 'resume' | null;
  setBusy(busy: RunSlice['busy']): void;
  /** Shows a new run with every node pending. */
  begin(runId: string, nodeIds: readonly string[], now?: number): void;
  /** Applies one batch of events of the current run in one update. */
  applyBatch(runId: string, events: readonly RunEvent[]): void;
  /** Replaces the run (rebuilt from the host after a reconnect). */
  replace(run: RunState): void;
  /** Sets statuses directly (benchmarks and tests drive the canvas with it). */
  applyStatuses(updates: Readonly<Record<string, NodeStatus>>): void;
  clear(): void;
}

export type RunStore = StoreApi<RunSlice>;

export function createRunStore(): RunStore {
  return createStore<RunSlice>()((set, get) => ({
    run: null,
    busy: null,
    setBusy(busy) {
      if (get().busy !== busy) set({ busy });
    },
    begin(runId, nodeIds, now) {
      set({ run: emptyRun(runId, nodeIds, now) });
    },
    applyBatch(runId, events) {
      const { run } = get();
      if (!run || run.runId !== runId) return;
      const next = applyEvents(run, events);
      if (next !== run) set({ run: next });
    },
    replace(run) {
      set({ run });
    },
    applyStatuses(updates) {
      const run = get().run ?? emptyRun('local');
      const nodes: Record<string, NodeRunInfo> = { ...run.nodes };
      for (const [id, status] of Object.entries(updates)) {
        const prev = nodes[id];
        const timeline = prev?.timeline ?? [];
        nodes[id] = {
          ...prev,
          status,
          timeline: timeline.at(-1) === status ? timeline : [...timeline.slice(-31), status],
        };
      }
      set({ run: { ...run, nodes } });
    },
    clear() {
      set({ run: null, busy: null });
    },
  }));
}

/** The provided run store itself (see ../store/context.ts). */
export function useRunStore(): RunStore {
  return useStores().runs;
}

export function useRun<T>(selector: (s: RunSlice) => T): T {
  return useStore(useStores().runs, selector);
}

export function useNodeRun(nodeId: string): NodeRunInfo | undefined {
  return useRun((s) => s.run?.nodes[nodeId]);
}

export function useEdgeCount(edgeId: string): EdgeCount | undefined {
  return useRun((s) => s.run?.edges[edgeId]);
}
