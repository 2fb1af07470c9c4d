// One memo for node types' `inferOutputs`, shared by the host's check (`workflow:validate`,
// `workflow:infer`) and a run's check: each node is asked once per distinct [type, params, inputs]
// (a CSV is sniffed once, not once per pass), an answer that takes too long fails, and what a node
// shares (e.g. the sniffed ref) is kept exactly as it will reach the node's process.

import type { InferOutputsFn } from '../check/withInference.js';
import { applyParamDefaults } from '../model/params.js';
import type { NodeRegistry } from './registry.js';

export const INFER_TIMEOUT_MS = 10_000;

export class InferenceMemo {
  private readonly answers = new Map<string, Promise<Record<string, string>>>();
  private readonly sharedByKey = new Map<string, unknown>();
  private readonly lastKey = new Map<string, string>();

  constructor(
    private readonly registry: NodeRegistry,
    private readonly baseDir: string,
    private readonly timeoutMs = INFER_TIMEOUT_MS,
  ) {}

  readonly infer: InferOutputsFn = (node, inputs) => {
    const def = this.registry.get(node.type)?.definition;
    if (!def?.inferOutputs) return undefined;
    const params = applyParamDefaults(def, node.params);
    const key = JSON.stringify([node.type, params, inputs]);
    this.lastKey.set(node.id, key);
    let answer = this.answers.get(key);
    if (!answer) {
      answer = withTimeout(
        def.inferOutputs({
          params: params as never,
          inputs,
          baseDir: this.baseDir,
          share: (value) => {
            // It reaches the node's process as JSON: keep exactly what will arrive.
            const json = JSON.stringify(value);
            if (json === undefined) this.sharedByKey.delete(key);
            else this.sharedByKey.set(key, JSON.parse(json));
          },
        }),
        this.timeoutMs,
      );
      this.answers.set(key, answer);
    }
    return answer;
  };

  /** What each node shared at its last inference, leaving out the nodes named in `except`. */
  shared(except: ReadonlySet<string | undefined> = new Set()): Map<string, unknown> {
    const out = new Map<string, unknown>();
    for (const [nodeId, key] of this.lastKey) {
      const value = this.sharedByKey.get(key);
      if (value !== undefined && !except.has(nodeId)) out.set(nodeId, value);
    }
    return out;
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
