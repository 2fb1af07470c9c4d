// The app's stores, handed to components through one React context (xyflow's store-provider idea):
// a component reads them with `useEditor(selector)`, `useRun(selector)`, `usePanel(selector)`, or takes
// the store itself (`useEditorStore()` …) to act on it in an event handler. No module holds a store:
// main.tsx creates them (createAppStores), and tests create their own.
import { createContext, useContext } from 'react';
import type { EditorStore } from './index.js';
import type { RunStore } from '../run/runStore.js';
import type { PanelStore } from '../run/panelStore.js';

export interface AppStores {
  /** The document, its history, selection, checks and UI state. */
  editor: EditorStore;
  /** The live run on the canvas, kept apart so event batches never touch the document's subscribers. */
  runs: RunStore;
  /** Which bottom-panel tab is shown and whether the panel is open. */
  panel: PanelStore;
}

export const StoresContext = createContext<AppStores | null>(null);

export function useStores(): AppStores {
  const stores = useContext(StoresContext);
  if (!stores) throw new Error('A Sluice component is rendered outside <StoresProvider>');
  return stores;
}
