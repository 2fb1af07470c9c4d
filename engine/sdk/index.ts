// The Node SDK: what a node type author writes against. Built-in nodes use exactly this.
//
//   export default defineNode({
//     type: 'core.map', title: 'Map', category: 'Transform', description: '…',
//     inputs: [{ name: 'in', type: 'T' }], outputs: [{ name: 'out', type: 'json' }],
//     params: [{ key: 'expr', kind: 'code', language: 'javascript', default: 'x => x' }],
//     async run({ inputs, outputs, params }) {
//       for await (const v of inputs.in) await outputs.out.send(f(v));
//     },
//   });
//
// For throughput, read and write whole batches (Broadway's handle_batch): a promise per batch instead
// of one per value, and one JSON encoding per batch (docs/node-authoring.md):
//       for await (const batch of inputs.in.batches()) await outputs.out.sendMany(batch.map(f));
//
// Ports end by themselves: an input ends when every upstream sender has finished, and every output
// is closed when `run` returns (the shutdown cascade).

import type { NodeTypeInfo } from '../model/nodeTypeInfo.js';

export type { NodeTypeInfo, ParamSpec, PortSpec } from '../model/nodeTypeInfo.js';

/** An input port: an async stream of the values its upstream nodes send. */
export interface InputPort<T = unknown> extends AsyncIterable<T> {
  readonly name: string;
  /** Number of edges feeding this port (0 for an unconnected optional input). */
  readonly connected: number;
  /** The next value, or `undefined` with `done` when every sender has finished. */
  next(): Promise<IteratorResult<T, undefined>>;
  /** Collects every remaining value. */
  all(): Promise<T[]>;
  /**
   * The values already buffered, as arrays of at least one value (at most `max`), in arrival order;
   * ends with the stream. Each batch counts as taken (credit goes back to the senders) when it is
   * yielded, so the channel bound holds exactly as with `next`. The arrays are the node's to keep.
   * `next`, iteration and `batches` may be mixed: they read the same stream.
   */
  batches(options?: BatchOptions): AsyncIterable<T[]>;
}

export interface BatchOptions {
  /** Largest batch to yield (default: everything buffered). */
  max?: number;
  /**
   * The node keeps what it reads until it returns (it collects, sorts, aggregates): the values stay
   * held for a retry until `run` returns, as with `all()`, instead of being done once the node asks
   * for the next batch (docs/runtime.md "Retries").
   */
  keep?: boolean;
}

/** An output port. `send` resolves once every downstream channel has room (back-pressure). */
export interface OutputPort<T = unknown> {
  readonly name: string;
  /** Number of edges leaving this port. */
  readonly connected: number;
  /**
   * The value is JSON-encoded before `send` returns, so changing it afterwards does not change what
   * was sent.
   */
  send(value: T): Promise<void>;
  /**
   * Sends the values in order: the same as `send` for each, with one promise and (while every channel
   * has room for all of them) one JSON encoding for the whole array. Back-pressure is the same as for
   * `send`: it resolves once every downstream channel has taken the last value into its window.
   * Rule: a value is encoded at the latest when the returned promise resolves; do not change the
   * array or its values before that (after it, or after a call that resolved at once, they are yours).
   */
  sendMany(values: readonly T[]): Promise<void>;
  /** Ends this output early; it is closed anyway when `run` returns. */
  close(): Promise<void>;
}

export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface Progress {
  /** `fraction` in [0, 1], or counts when the total is known. */
  (update: { fraction?: number; done?: number; total?: number; message?: string }): void;
}

export interface NodeContext<P = Record<string, unknown>> {
  nodeId: string;
  /** Validated parameters with defaults applied. */
  params: P;
  inputs: Record<string, InputPort>;
  outputs: Record<string, OutputPort>;
  log: Logger;
  progress: Progress;
  /** Aborted when the run is stopped or the node's timeout expires. */
  signal: AbortSignal;
  /** Folder for this run's artifacts (materialized tables, previews). */
  runDir: string;
  /** Folder of the workflow file: relative paths in parameters resolve against it. */
  baseDir: string;
  /** Resolve a path parameter against `baseDir`. */
  resolvePath(p: string): string;
  /** Resolved port type expressions of this node instance (generics substituted). */
  types: { inputs: Record<string, string>; outputs: Record<string, string> };
  /**
   * The JSON value this node's `inferOutputs` passed to `share` while the run's workflow was checked
   * (e.g. a file's sniffed schema), so `run` need not work it out again. Undefined when nothing was
   * shared. It may be stale by now (the file changed): `run` checks it still holds before using it.
   */
  inferred?: unknown;
  /** 1 for the first attempt, 2 for the first retry … */
  attempt: number;
}

export interface NodeDefinition<P = Record<string, unknown>> extends NodeTypeInfo {
  run(ctx: NodeContext<P>): Promise<void>;
  /**
   * Output types known before the run (a CSV's sniffed columns, a SQL query's DESCRIBE). Runs when the
   * workflow is checked, in the check's sandboxed inference process (reads of the workflow's folder
   * and declared files only, no network, no writes); its answer replaces the declared output types.
   */
  inferOutputs?(args: {
    params: P;
    /** Resolved input type expressions, where known. */
    inputs: Record<string, string>;
    baseDir: string;
    /**
     * Present when the check starts a run: hands a JSON value to this node's `run` as `ctx.inferred`
     * (what was found, so the run need not find it again).
     */
    share?(value: unknown): void;
    /**
     * What the node worked out for parameters left empty (a CSV's sniffed quote and delimiter), as
     * the text a user would type: the inspector shows them in those fields, as their defaults.
     */
    suggest?(values: Record<string, string>): void;
  }): Promise<Record<string, string>>;
  /**
   * Built-in node types only: `inferOutputs` reads nothing but its params and input types (no file,
   * no SQL), so the host answers it itself rather than start the inference process.
   */
  pureInference?: true;
}

/** Declares a node type. Returns the definition unchanged; it exists for type inference and checks. */
export function defineNode<P = Record<string, unknown>>(def: NodeDefinition<P>): NodeDefinition<P> {
  if (!/^[a-z][a-z0-9]*(\.[a-z][a-z0-9-]*)+$/.test(def.type)) {
    throw new Error(`Node type id "${def.type}" must be dotted lowercase, e.g. "csv.read"`);
  }
  return def;
}

/** The JSON part of a definition, as sent to the editor. */
export function nodeTypeInfo(def: NodeDefinition<never> | NodeTypeInfo): NodeTypeInfo {
  const { type, title, category, description, inputs, outputs, params, allowsCycles, preload } = def;
  const infers =
    ('inferOutputs' in def && typeof def.inferOutputs === 'function') ||
    ('infersOutputs' in def && def.infersOutputs === true);
  return {
    type,
    title,
    category,
    description,
    inputs,
    outputs,
    params,
    ...(allowsCycles ? { allowsCycles } : {}),
    ...(preload ? { preload } : {}),
    ...(infers ? { infersOutputs: true } : {}),
  };
}
