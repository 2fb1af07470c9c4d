// What the benchmark uses of the engine, bundled by bench/engine-throughput.mjs.
export { startRun, resolveWorkerEntry } from '../../engine/runtime/runController.js';
export { WorkerPool } from '../../engine/runtime/workerPool.js';
export { createChildLauncher } from '../../engine/runtime/childLauncher.js';
export { createRegistry } from '../../engine/nodes/registry.js';
