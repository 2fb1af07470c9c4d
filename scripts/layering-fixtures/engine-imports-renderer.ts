// Linted as engine/server/fixture.ts: the engine imports the renderer.
import { createEditorStore } from '../../renderer/src/store/index.js';

export const store = createEditorStore;
