// A problem found in a workflow: by the file loader, the graph check, or a parameter check.
// Each one names what is at fault so the CLI, the API and the canvas can point at it.

export type ProblemCode =
  | 'syntax' // malformed JSON
  | 'schema' // a field of the file has the wrong shape
  | 'version' // unknown file version
  | 'duplicate-id'
  | 'unknown-node-type'
  | 'unknown-node' // an edge names a node that does not exist
  | 'unknown-port'
  | 'bad-type' // a port type expression that does not parse
  | 'incompatible-types'
  | 'unconnected-input'
  | 'too-many-edges' // a single-edge input with several edges
  | 'bad-param'
  | 'bad-limit' // an edge capacity or a node policy value out of its range
  | 'cycle'
  | 'disabled-node' // a warning: what disabling a node does to the run
  | 'bypassed-node'; // a warning: where a bypassed node's input goes

export interface Problem {
  code: ProblemCode;
  severity: 'error' | 'warning';
  /** A full sentence that names the node, port or field at fault. */
  message: string;
  nodeId?: string;
  edgeId?: string;
  port?: string;
  /** Parameter key, or JSON path of the file field at fault (e.g. `nodes[2].position.x`). */
  field?: string;
  /** Malformed JSON: 1-based line and column. */
  line?: number;
  column?: number;
}

export function formatProblem(p: Problem): string {
  const where = p.line !== undefined ? `${p.line}:${p.column ?? 1}: ` : '';
  return `${p.severity}: ${where}${p.message}`;
}
