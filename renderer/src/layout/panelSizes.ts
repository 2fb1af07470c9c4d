// The sizes of the palette, inspector and bottom panel, as the person left them: remembered per user
// in localStorage, clamped to what fits the window.

export type PanelName = 'palette' | 'inspector' | 'bottom';
export type PanelSizes = Record<PanelName, number>;

export const DEFAULT_SIZES: PanelSizes = { palette: 232, inspector: 320, bottom: 170 };
const SIZES_KEY = 'sluice.panelSizes';

/** The smallest size of each panel, and how much of the window it may take at most. */
const LIMITS: Record<PanelName, { min: number; maxShare: number }> = {
  palette: { min: 160, maxShare: 0.35 },
  inspector: { min: 260, maxShare: 0.6 },
  bottom: { min: 80, maxShare: 0.7 },
};

export function sizeLimits(name: PanelName, windowSize: number): { min: number; max: number } {
  const { min, maxShare } = LIMITS[name];
  return { min, max: Math.max(min, Math.round(windowSize * maxShare)) };
}

export function clampSize(name: PanelName, size: number, windowSize: number): number {
  const { min, max } = sizeLimits(name, windowSize);
  return Math.round(Math.min(max, Math.max(min, size)));
}

export function readSizes(storage: Pick<Storage, 'getItem'> | null): PanelSizes {
  try {
    const saved = JSON.parse(storage?.getItem(SIZES_KEY) ?? '{}') as Partial<Record<string, unknown>>;
    const out = { ...DEFAULT_SIZES };
    for (const name of Object.keys(out) as PanelName[]) {
      const v = saved[name];
      if (typeof v === 'number' && Number.isFinite(v) && v > 0) out[name] = v;
    }
    return out;
  } catch {
    return { ...DEFAULT_SIZES };
  }
}

export function writeSizes(storage: Pick<Storage, 'setItem'> | null, sizes: PanelSizes): void {
  try {
    storage?.setItem(SIZES_KEY, JSON.stringify(sizes));
  } catch {
    // A full storage only loses the remembered sizes.
  }
}
