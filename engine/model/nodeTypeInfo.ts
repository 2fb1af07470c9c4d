// What the editor, the checker and the CLI know about a node type: plain JSON, no code.
// The host sends a list of these to the renderer; `defineNode` produces one per type.

/** A parameter's schema; the inspector renders a form field from it. */
export type ParamSpec = ParamSpecCommon &
  (
    | { kind: 'string'; multiline?: boolean; placeholder?: string }
    | {
        kind: 'number';
        min?: number;
        max?: number;
        integer?: boolean;
        /** Zero is refused (a step, a divisor): the check says so before the run. */
        nonZero?: boolean;
      }
    | { kind: 'boolean' }
    | { kind: 'choice'; options: string[] }
    | { kind: 'path'; mode?: 'open' | 'save'; extensions?: string[] }
    | { kind: 'json' }
    | { kind: 'code'; language: 'javascript' | 'sql' }
    /**
     * A list of `{ name, type }` that declares the node's own ports (a script node, a SQL node with
     * several inputs). The port list of such a node comes from this parameter's value.
     */
    | { kind: 'ports'; direction: 'input' | 'output' }
  );

export interface ParamSpecCommon {
  label?: string;
  description?: string;
  /** A value must be present (not undefined, not ''). */
  required?: boolean;
  default?: unknown;
}

export interface PortSpec {
  name: string;
  /** A port type expression, see engine/types (`number`, `array<T>`, `table{id:number}` …). */
  type: string;
  description?: string;
  /** Input only: the node runs without an edge on this port. */
  optional?: boolean;
  /** Input only: the port accepts several edges, merged in arrival order. */
  multi?: boolean;
}

export interface NodeTypeInfo {
  /** Dotted lowercase id, e.g. `core.map`, `csv.read`. */
  type: string;
  title: string;
  category: string;
  description: string;
  inputs: PortSpec[];
  outputs: PortSpec[];
  /** Ordered parameter schema. */
  params: Array<{ key: string } & ParamSpec>;
  /** The node may close a cycle in the graph (it handles its own termination). */
  allowsCycles?: boolean;
  /** Modules a pre-started worker loads ahead of time for this type (e.g. `@duckdb/node-api`). */
  preload?: string[];
  /**
   * The host can work out this node's output types before the run (a CSV's columns, a query's
   * result: `workflow:infer`), so the editor asks it when such a node changes.
   */
  infersOutputs?: boolean;
}

/** A port as a node instance has it: after dynamic ports (`ports` params) are applied. */
export interface ResolvedPorts {
  inputs: PortSpec[];
  outputs: PortSpec[];
}

/** The ports of a node instance: static ones plus those declared by its `ports` parameters. */
export function resolvePorts(info: NodeTypeInfo, params: Record<string, unknown>): ResolvedPorts {
  const inputs = [...info.inputs];
  const outputs = [...info.outputs];
  for (const p of info.params) {
    if (p.kind !== 'ports') continue;
    const value = params[p.key] ?? p.default;
    if (!Array.isArray(value)) continue;
    for (const item of value) {
      if (!item || typeof item !== 'object') continue;
      const { name, type } = item as { name?: unknown; type?: unknown };
      if (typeof name !== 'string' || typeof type !== 'string' || name === '') continue;
      (p.direction === 'input' ? inputs : outputs).push({ name, type });
    }
  }
  return { inputs, outputs };
}

/** Node types by id: the one way the check, the CLI, the host and the editor look a type up. */
export function nodeTypeMap<T extends { type: string }>(types: readonly T[]): Map<string, T> {
  return new Map(types.map((t) => [t.type, t]));
}
