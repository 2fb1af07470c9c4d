// The whole-graph check, re-run shortly after every edit: problems for the panel and the canvas
// marks, and resolved port types (generics substituted) for the port tooltips.

import type { StateCreator } from 'zustand';
import type { Problem } from '../../../engine/model/problem.js';
import { checkWorkflow, type PortTypes } from '../../../engine/check/index.js';
import { stabilizePortTypes } from '../canvas/portTypes.js';
import type { EditorState } from './types.js';

export interface CheckSlice {
  problems: Problem[];
  portTypes: PortTypes;
  /** Node and edge ids with an error or warning, for marking the canvas. */
  faultyNodes: ReadonlySet<string>;
  faultyEdges: ReadonlySet<string>;
  /** Debounce in ms between an edit and its check; 0 checks synchronously (tests). */
  checkDelayMs: number;
  runCheck(): void;
  scheduleCheck(): void;
}

let timer: ReturnType<typeof setTimeout> | undefined;

export const createCheckSlice =
  (checkDelayMs: number): StateCreator<EditorState, [], [], CheckSlice> =>
  (set, get) => ({
    problems: [],
    portTypes: {},
    faultyNodes: new Set(),
    faultyEdges: new Set(),
    checkDelayMs,
    runCheck() {
      const { doc, typesById } = get();
      if (typesById.size === 0) return; // node types not loaded yet: every node would be "unknown"
      const result = checkWorkflow(doc, typesById, {});
      const faultyNodes = new Set<string>();
      const faultyEdges = new Set<string>();
      for (const p of result.problems) {
        if (p.edgeId) faultyEdges.add(p.edgeId);
        else if (p.nodeId) faultyNodes.add(p.nodeId);
      }
      set({
        problems: result.problems,
        portTypes: stabilizePortTypes(get().portTypes, result.portTypes),
        faultyNodes,
        faultyEdges,
      });
    },
    scheduleCheck() {
      const delay = get().checkDelayMs;
      if (delay <= 0) {
        get().runCheck();
        return;
      }
      clearTimeout(timer);
      timer = setTimeout(() => get().runCheck(), delay);
    },
  });
