// The inference process: works out node output types while a workflow is checked (a CSV's sniffed
// columns, a query's DESCRIBE) so that neither the host nor Electron main ever binds a workflow's SQL
// or opens its files. Short-lived (one per check), memory-capped by the host's execArgv, killed when an
// answer takes too long. Its DuckDB is a sandbox: reads of the workflow's folder and declared files
// only, no writes, no network, no extensions installed or loaded, configuration locked.

import { pathToFileURL } from 'node:url';
import type { NodeDefinition } from '../../sdk/index.js';
import { loadDuckModule, sandboxDatabase, warmUp } from '../../nodes/data/lib/duck.js';
import { builtinNode } from '../../nodes/registry.js';
import type {
  HostToInference,
  InferenceAnswer,
  InferenceRequest,
  InferenceToHost,
} from '../../nodes/inferenceProtocol.js';
import { connectControlChannel } from './controlChannel.js';

/** DuckDB's share of the process: a check describes queries over empty stand-ins and sniffs samples. */
const MEMORY_LIMIT = '256MB';
const THREADS = 2;

const channel = connectControlChannel<HostToInference, InferenceToHost>();
// A spare waits for its check: load DuckDB's module now (no database yet, so nothing to sandbox).
void loadDuckModule();
let setUp = false;
let ready = false;

async function loadDefinition(r: InferenceRequest): Promise<NodeDefinition<never>> {
  if (!r.modulePath) {
    const def = builtinNode(r.nodeType);
    if (!def) throw new Error(`unknown built-in node type "${r.nodeType}"`);
    return def;
  }
  const mod = (await import(pathToFileURL(r.modulePath).href)) as { default?: NodeDefinition<never> };
  if (!mod.default) throw new Error(`module ${r.modulePath} does not default-export a node definition`);
  return mod.default;
}

async function infer(r: InferenceRequest): Promise<InferenceAnswer> {
  const def = await loadDefinition(r);
  if (!def.inferOutputs) throw new Error(`node type "${r.nodeType}" works out no output types`);
  let shared: unknown;
  let suggested: Record<string, string> | undefined;
  const outputs = await def.inferOutputs({
    params: r.params as never,
    inputs: r.inputs,
    baseDir: r.baseDir,
    suggest: (values) => {
      suggested = { ...suggested, ...stringValues(values) };
    },
    ...(r.share
      ? {
          share: (value: unknown) => {
            shared = value;
          },
        }
      : {}),
  });
  return {
    outputs,
    ...(shared === undefined ? {} : { shared }),
    ...(suggested === undefined ? {} : { suggested }),
  };
}

/** Node code is not trusted to pass strings: what is not one is left out. */
function stringValues(values: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof values !== 'object' || values === null) return out;
  for (const [k, v] of Object.entries(values)) if (typeof v === 'string') out[k] = v;
  return out;
}

channel.onMessage((m) => {
  if (m.type === 'setup') {
    if (setUp) return;
    setUp = true;
    sandboxDatabase({ ...m.sandbox, memoryLimit: MEMORY_LIMIT, threads: THREADS });
    // Open the sandboxed database before saying ready: answers' timeouts then count the work alone,
    // not DuckDB starting on a busy machine. warmUp never rejects (a failure shows in the answer).
    void warmUp().then(() => {
      ready = true;
      channel.send({ type: 'ready' });
    });
    return;
  }
  const { id } = m;
  if (!ready) {
    channel.send({ type: 'failed', id, message: 'the inference process was not set up' });
    return;
  }
  infer(m.request).then(
    (answer) => channel.send({ type: 'answer', id, answer: JSON.parse(JSON.stringify(answer)) }),
    (err: unknown) =>
      channel.send({ type: 'failed', id, message: err instanceof Error ? err.message : String(err) }),
  );
});
channel.onDisconnect(() => process.exit(0));
process.on('uncaughtException', () => process.exit(1));
process.on('unhandledRejection', () => process.exit(1));
process.on('SIGINT', () => undefined);
