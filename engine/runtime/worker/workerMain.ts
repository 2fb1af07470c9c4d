// Entry point of dist/engine/worker.js. One bundle, two roles, so every launcher (child_process.fork,
// Electron's utilityProcess with its unpacked entry) starts both the same way: a node of a run
// (nodeWorker.ts), or the short-lived sandboxed process that works out output types while a workflow is
// checked (inferenceMain.ts), chosen by SLUICE_PROCESS_ROLE.

import { INFERENCE_ROLE, PROCESS_ROLE_ENV } from '../../nodes/inferenceProtocol.js';
import { HOST_PID_ENV } from '../common/protocol.js';

// The host died before this process could be tied to it (the parent-death signal is set only once
// setpriv runs; the watchdog would watch the wrong parent): nothing is left to work for.
const hostPid = Number(process.env[HOST_PID_ENV]);
if (hostPid > 0 && process.ppid !== hostPid) process.exit(1);

if (process.env[PROCESS_ROLE_ENV] === INFERENCE_ROLE) await import('./inferenceMain.js');
else await import('./nodeWorker.js');
