// What the benchmark uses of the engine, bundled by bench/engine-throughput.mjs.
export { startRun, resolveWorkerEntry } from '../../engine/runtime/host/runController.js';
export { WorkerPool } from '../../engine/runtime/host/workerPool.js';
export { createChildLauncher } from '../../engine/runtime/host/childLauncher.js';
export { createRegistry } from '../../engine/nodes/registry.js';
