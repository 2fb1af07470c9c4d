// The workflow file model, version 1. Pure TypeScript: bundled by the renderer too.
// This file is the single source of truth for the shape of a workflow in memory.

export const WORKFLOW_VERSION = 1;

/** File extension of workflow files. */
export const WORKFLOW_EXTENSION = '.sluice.json';

export interface Position {
  x: number;
  y: number;
}

/** Per-node supervision settings (design.md: retries, timeout, allow-fail, error output). */
export interface NodePolicy {
  /** Extra attempts after the first failure. */
  retries?: number;
  /** Delay before the first retry in ms; doubles each attempt (with jitter: half to all of it). */
  retryBackoffMs?: number;
  /** The longest delay between retries in ms (default 30,000). */
  retryBackoffMaxMs?: number;
  /** Fail the attempt when `run` takes longer than this (ms). */
  timeoutMs?: number;
  /** A failure of this node does not fail the run. */
  allowFail?: boolean;
  /**
   * The node process's memory cap in MB: V8's old-space limit, and twice that plus 256 MB for its
   * resident memory (buffers, native modules). Default: a quarter of the machine's memory, at most
   * 4,096.
   */
  memoryLimitMb?: number;
}

export interface WorkflowNode {
  id: string;
  type: string;
  /** Display name; the type's title when absent. */
  label?: string;
  /** Switched off: drawn muted, and skipped when the workflow runs (its consumers' inputs from it end). */
  disabled?: boolean;
  /**
   * Bypassed: no process runs for it; each output passes on the values of its first input whose type
   * fits (engine/check/bypass.ts), and an output no input fits ends at once, as if disabled. Never
   * together with `disabled` (the schema refuses both).
   */
  bypassed?: boolean;
  params: Record<string, unknown>;
  position: Position;
  policy?: NodePolicy;
}

/** How a node takes part in a run: it runs, it is skipped (disabled), or its input is passed through. */
export type NodeMode = 'active' | 'disabled' | 'bypassed';

/** The one reading of `disabled`/`bypassed` every layer uses. */
export function nodeMode(node: Pick<WorkflowNode, 'disabled' | 'bypassed'>): NodeMode {
  if (node.disabled) return 'disabled';
  if (node.bypassed) return 'bypassed';
  return 'active';
}

export interface WorkflowEdge {
  id: string;
  source: string;
  sourcePort: string;
  target: string;
  targetPort: string;
  /** Channel capacity in messages (1 … MAX_EDGE_CAPACITY); the runtime default when absent. */
  capacity?: number;
}

/**
 * The largest `capacity` an edge may have. Channels are bounded in size as well (the runtime's
 * CHANNEL_CHARS), but each message in flight costs its own memory: a million would be a leak.
 */
export const MAX_EDGE_CAPACITY = 65_536;

/** A sticky note on the canvas; not executed. */
export interface WorkflowNote {
  id: string;
  text: string;
  position: Position;
  width?: number;
  height?: number;
}

export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

export interface Workflow {
  sluice: typeof WORKFLOW_VERSION;
  name: string;
  description?: string;
  nodes: WorkflowNode[];
  edges: WorkflowEdge[];
  notes?: WorkflowNote[];
  viewport?: Viewport;
}

export function emptyWorkflow(name = 'Untitled'): Workflow {
  return { sluice: WORKFLOW_VERSION, name, nodes: [], edges: [] };
}
