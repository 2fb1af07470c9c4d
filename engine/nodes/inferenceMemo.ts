// One memo for node types' `inferOutputs`, shared by the host's check (`workflow:validate`,
// `workflow:infer`) and a run's check: each node is asked once per distinct [type, params, inputs]
// (a CSV is sniffed once, not once per pass), and what a node shares (e.g. the sniffed ref) is kept
// exactly as it will reach the node's process. The asking itself happens in the inference process
// (engine/runtime/host/inferenceProcess.ts), never in the host: this module only routes and remembers.

import type { InferOutputsFn } from '../check/withInference.js';
import { applyParamDefaults } from '../model/params.js';
import type { InferenceAnswer, InferenceRequest } from './inferenceProtocol.js';
import type { NodeRegistry } from './registry.js';

/** Where questions go: the sandboxed inference process of this check. */
export interface InferenceAsker {
  ask(request: InferenceRequest): Promise<InferenceAnswer>;
}

export class InferenceMemo {
  private readonly answers = new Map<string, Promise<Record<string, string>>>();
  private readonly sharedByKey = new Map<string, unknown>();
  private readonly suggestedByKey = new Map<string, Record<string, string>>();
  private readonly lastKey = new Map<string, string>();

  constructor(
    private readonly registry: NodeRegistry,
    private readonly baseDir: string,
    private readonly asker: InferenceAsker,
    /** A run's check: nodes share what they found with their run. */
    private readonly share = false,
    /** Restricted mode: only pure inference (reads nothing); the rest keep their declared types. */
    private readonly restricted = false,
  ) {}

  readonly infer: InferOutputsFn = (node, inputs) => {
    const registered = this.registry.get(node.type);
    const def = registered?.definition;
    if (!def?.inferOutputs) return undefined;
    const params = applyParamDefaults(def, node.params);
    const key = JSON.stringify([node.type, params, inputs]);
    this.lastKey.set(node.id, key);
    let answer = this.answers.get(key);
    if (!answer && def.pureInference && !registered?.modulePath) {
      // Params in, types out: nothing to sandbox, no process to start.
      answer = def.inferOutputs({ params: params as never, inputs, baseDir: this.baseDir });
      this.answers.set(key, answer);
    }
    if (!answer && this.restricted) return undefined;
    if (!answer) {
      answer = this.asker
        .ask({
          nodeType: node.type,
          ...(registered?.modulePath ? { modulePath: registered.modulePath } : {}),
          params,
          inputs,
          baseDir: this.baseDir,
          share: this.share,
        })
        .then((a) => {
          // It crossed as JSON, and reaches the node's process as JSON: exactly what will arrive.
          if (a.shared === undefined) this.sharedByKey.delete(key);
          else this.sharedByKey.set(key, a.shared);
          if (a.suggested === undefined) this.suggestedByKey.delete(key);
          else this.suggestedByKey.set(key, a.suggested);
          return a.outputs;
        });
      this.answers.set(key, answer);
    }
    return answer;
  };

  /** nodeId → what the node worked out for its empty params at its last inference (`suggest`). */
  suggested(): Record<string, Record<string, string>> {
    const out: Record<string, Record<string, string>> = {};
    for (const [nodeId, key] of this.lastKey) {
      const values = this.suggestedByKey.get(key);
      if (values) out[nodeId] = values;
    }
    return out;
  }

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
