// Linted as electron/preload.ts: engine's pure modules are for `import type` in the preload; a value
// import would bundle engine code into the sandboxed preload.
import { contextBridge } from 'electron';
import { HostError } from '../engine/hostApi/errors.js';

contextBridge.exposeInMainWorld('HostError', HostError);
