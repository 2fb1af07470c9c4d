// Which bottom-panel tab is shown and whether the panel is open: the run actions change it (a refused
// run shows Problems, a started run shows Logs), so it lives outside the panel component.

import { createStore, type StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { useStores } from '../store/context.js';

export interface PanelState {
  tab: string;
  open: boolean;
  /** The panel takes most of the window (the data view wants room). */
  maximized: boolean;
  show(tab: string): void;
  toggle(): void;
  toggleMaximized(): void;
}

export type PanelStore = StoreApi<PanelState>;

export function createPanelStore(): PanelStore {
  return createStore<PanelState>()((set, get) => ({
    tab: 'problems',
    open: true,
    maximized: false,
    show(tab) {
      set({ tab, open: true });
    },
    toggle() {
      set({ open: !get().open });
    },
    toggleMaximized() {
      set({ maximized: !get().maximized, open: true });
    },
  }));
}

/** The provided panel store itself (see ../store/context.ts). */
export function usePanelStore(): PanelStore {
  return useStores().panel;
}

export function usePanel<T>(selector: (s: PanelState) => T): T {
  return useStore(useStores().panel, selector);
}
