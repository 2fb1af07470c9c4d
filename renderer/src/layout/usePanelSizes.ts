// Panel sizes as React state, remembered in localStorage (./panelSizes.ts).
import { useCallback, useState } from 'react';
import { clampSize, readSizes, writeSizes, type PanelName, type PanelSizes } from './panelSizes.js';

const storage = typeof localStorage === 'undefined' ? null : localStorage;

export function windowSizeFor(name: PanelName): number {
  return name === 'bottom' ? window.innerHeight : window.innerWidth;
}

export function usePanelSizes(): [PanelSizes, (name: PanelName, size: number) => void] {
  const [sizes, setSizes] = useState(() => readSizes(storage));
  const setSize = useCallback((name: PanelName, size: number) => {
    setSizes((prev) => {
      const next = { ...prev, [name]: clampSize(name, size, windowSizeFor(name)) };
      if (next[name] === prev[name]) return prev;
      writeSizes(storage, next);
      return next;
    });
  }, []);
  return [sizes, setSize];
}
