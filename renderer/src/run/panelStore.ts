// Which bottom-panel tab is shown and whether the panel is open: the run actions change it (a refused
// run shows Problems, a started run shows Logs), so it lives outside the panel component.

import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';

export interface PanelState {
  tab: string;
  open: boolean;
  show(tab: string): void;
  toggle(): void;
}

export const panelStore = createStore<PanelState>()((set, get) => ({
  tab: 'problems',
  open: true,
  show(tab) {
    set({ tab, open: true });
  },
  toggle() {
    set({ open: !get().open });
  },
}));

export function usePanel<T>(selector: (s: PanelState) => T): T {
  return useStore(panelStore, selector);
}
