// Entry point of dist/engine/worker.js. One bundle, two roles, so every launcher (child_process.fork,
// Electron's utilityProcess with its unpacked entry) starts both the same way: a node of a run
// (nodeWorker.ts), or the short-lived sandboxed process that works out output types while a workflow is
// checked (inferenceMain.ts), chosen by SLUICE_PROCESS_ROLE.

import { INFERENCE_ROLE, PROCESS_ROLE_ENV } from '../../nodes/inferenceProtocol.js';

if (process.env[PROCESS_ROLE_ENV] === INFERENCE_ROLE) await import('./inferenceMain.js');
else await import('./nodeWorker.js');
