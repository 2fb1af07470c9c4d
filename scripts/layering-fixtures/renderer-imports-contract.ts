// Linted as renderer/src/canvas/fixture.ts: only renderer/src/host/preloadClient.ts speaks the
// preload's contract; the same import there is legal (layering.test.ts lints it at both paths).
import { HOST_BRIDGE_FUNCTIONS } from '../../../electron/contract/ipc.js';

export const names = Object.values(HOST_BRIDGE_FUNCTIONS);
