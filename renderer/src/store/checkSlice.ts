// The whole-graph check, re-run shortly after every edit: problems for the panel and the canvas
// marks, and resolved port types (generics substituted) for the port tooltips. Output types that the
// host works out before the run (a CSV's columns, a query's result: `workflow:infer`, fetched by
// host/inferenceSync.ts) join the check for the nodes whose parameters are still those they were
// worked out for, so a stale answer never marks a node that has changed since.

import type { StateCreator } from 'zustand';
import type { InferredOutputTypes, SuggestedParams } from '../../../engine/hostApi/api.js';
import type { Problem } from '../../../engine/model/problem.js';
import type { WorkflowNode } from '../../../engine/model/workflow.js';
import { checkWorkflow, type PortTypes } from '../../../engine/check/index.js';
import { stabilizePortTypes } from '../canvas/portTypes.js';
import type { EditorState } from './types.js';

/** What the host answered, with each node's type and parameters as they were when it was asked. */
export interface Inferred {
  outputTypes: InferredOutputTypes;
  problems: Problem[];
  /** What nodes worked out for their empty params (a CSV's sniffed quote), shown as defaults. */
  suggestedParams: SuggestedParams;
  /** nodeId → inferenceKey(node) at the time of asking. */
  keys: Record<string, string>;
}

export const NO_INFERENCE: Inferred = { outputTypes: {}, problems: [], suggestedParams: {}, keys: {} };

/** What an inferred answer depends on, of the node itself. */
export function inferenceKey(node: WorkflowNode): string {
  return JSON.stringify([node.type, node.params]);
}

/** What the host suggested for a node's empty params, while the node is as it was when asked. */
export function suggestedParamsOf(inferred: Inferred, node: WorkflowNode): Record<string, string> {
  return inferred.keys[node.id] === inferenceKey(node) ? (inferred.suggestedParams[node.id] ?? {}) : {};
}

export interface CheckSlice {
  problems: Problem[];
  portTypes: PortTypes;
  /** Node and edge ids with an error or warning, for marking the canvas. */
  faultyNodes: ReadonlySet<string>;
  faultyEdges: ReadonlySet<string>;
  inferred: Inferred;
  /** Debounce in ms between an edit and its check; 0 checks synchronously (tests). */
  checkDelayMs: number;
  runCheck(): void;
  scheduleCheck(): void;
  /** Takes the host's latest inference and checks again with it. */
  setInferred(inferred: Inferred): void;
}

let timer: ReturnType<typeof setTimeout> | undefined;

export const createCheckSlice =
  (checkDelayMs: number): StateCreator<EditorState, [], [], CheckSlice> =>
  (set, get) => ({
    problems: [],
    portTypes: {},
    faultyNodes: new Set(),
    faultyEdges: new Set(),
    inferred: NO_INFERENCE,
    checkDelayMs,
    runCheck() {
      const { doc, typesById, inferred } = get();
      if (typesById.size === 0) return; // node types not loaded yet: every node would be "unknown"
      const outputTypes: InferredOutputTypes = {};
      const current = new Set<string>();
      for (const node of doc.nodes) {
        if (inferred.keys[node.id] !== inferenceKey(node)) continue;
        current.add(node.id);
        const types = inferred.outputTypes[node.id];
        if (types) outputTypes[node.id] = types;
      }
      const result = checkWorkflow(doc, typesById, { outputTypes });
      const problems = [
        ...result.problems,
        ...inferred.problems.filter((p) => p.nodeId !== undefined && current.has(p.nodeId)),
      ];
      const faultyNodes = new Set<string>();
      const faultyEdges = new Set<string>();
      for (const p of problems) {
        // Disabling and bypassing are choices, not faults: the warning explains without marking the node.
        if (p.code === 'disabled-node' || p.code === 'bypassed-node') continue;
        if (p.edgeId) faultyEdges.add(p.edgeId);
        else if (p.nodeId) faultyNodes.add(p.nodeId);
      }
      set({
        problems,
        portTypes: stabilizePortTypes(get().portTypes, result.portTypes),
        faultyNodes,
        faultyEdges,
      });
      if (!problems.some((p) => p.severity === 'error')) get().clearNotices('check');
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
    setInferred(inferred) {
      set({ inferred });
      get().runCheck();
    },
  });
