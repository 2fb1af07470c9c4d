// Linted as renderer/src/canvas/fixture.ts: the renderer reaches Electron's main process code.
import { callHost } from '../../../electron/hostCalls.js';

export const call = callHost;
