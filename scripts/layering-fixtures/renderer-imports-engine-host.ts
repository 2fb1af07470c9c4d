// Linted as renderer/src/canvas/fixture.ts: the renderer reaches the host service itself.
import { createHostService } from '../../../engine/host/hostService.js';

export const host = createHostService;
