// Creates the app's stores once, at start (main.tsx); tests build the ones they need directly.
import { createPanelStore } from '../run/panelStore.js';
import { createRunStore } from '../run/runStore.js';
import type { AppStores } from './context.js';
import { createEditorStore, type EditorStoreOptions } from './index.js';

export function createAppStores(options: EditorStoreOptions = {}): AppStores {
  return { editor: createEditorStore(options), runs: createRunStore(), panel: createPanelStore() };
}
