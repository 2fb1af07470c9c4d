// Messages between the host and its inference process (the check's sandbox, see
// engine/runtime/worker/inferenceMain.ts): JSON only, like the node workers' control channel.

/** Environment variable that makes dist/engine/worker.js an inference process. */
export const PROCESS_ROLE_ENV = 'SLUICE_PROCESS_ROLE';
export const INFERENCE_ROLE = 'inference';

/** What DuckDB in the inference process may read; everything else (network, writes) is off. */
export interface InferenceSandbox {
  allowedPaths: string[];
  allowedDirectories: string[];
}

export interface InferenceRequest {
  nodeType: string;
  /** Absolute module path for user node types; undefined for built-ins. */
  modulePath?: string;
  params: Record<string, unknown>;
  inputs: Record<string, string>;
  baseDir: string;
  /** Ask the node to share what it found (a run's check). */
  share: boolean;
}

export interface InferenceAnswer {
  outputs: Record<string, string>;
  /** The JSON value the node shared, if any. */
  shared?: unknown;
  /** Param key → what the node worked out for it (`suggest`), if anything. */
  suggested?: Record<string, string>;
}

export type HostToInference =
  { type: 'setup'; sandbox: InferenceSandbox } | { type: 'infer'; id: number; request: InferenceRequest };

export type InferenceToHost =
  /** Set up (modules loaded, sandbox fixed): answers' timeouts count from here. */
  | { type: 'ready' }
  | { type: 'answer'; id: number; answer: InferenceAnswer }
  | { type: 'failed'; id: number; message: string };
