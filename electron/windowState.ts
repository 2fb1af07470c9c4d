// Window size and position, kept between launches in `<userData>/window-state.json`. Parsing never
// throws (a damaged file means default bounds), and saved bounds that no longer fit on any display
// (a monitor was unplugged) are pulled back onto one.

import { z } from 'zod';
import { readTextIfExists, writeFileAtomic } from '../engine/files/atomicFile.js';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  /** Absent x/y: let the window manager centre the window. */
  bounds: { x?: number; y?: number; width: number; height: number };
  maximized: boolean;
}

export const DEFAULT_WINDOW_STATE: WindowState = { bounds: { width: 1280, height: 800 }, maximized: false };
export const MIN_WINDOW_SIZE = { width: 640, height: 420 };
/** Offset between windows opened one after another, so they do not hide each other exactly. */
export const CASCADE_OFFSET = 28;

const stateSchema = z.object({
  bounds: z.object({
    x: z.number().int().optional(),
    y: z.number().int().optional(),
    width: z.number().int().positive(),
    height: z.number().int().positive(),
  }),
  maximized: z.boolean(),
});

export function parseWindowState(text: string | undefined): WindowState {
  if (text === undefined) return DEFAULT_WINDOW_STATE;
  try {
    const parsed = stateSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : DEFAULT_WINDOW_STATE;
  } catch {
    return DEFAULT_WINDOW_STATE;
  }
}

export function serializeWindowState(state: WindowState): string {
  const { x, y, width, height } = state.bounds;
  const bounds = x !== undefined && y !== undefined ? { x, y, width, height } : { width, height };
  return `${JSON.stringify({ bounds, maximized: state.maximized }, null, 2)}\n`;
}

function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/**
 * Keeps the window usable on the current displays: size no larger than the biggest work area and no
 * smaller than the minimum; a position kept only when a good part of the window (its title bar
 * included) is on some display, otherwise dropped so the window is centred.
 */
export function fitToDisplays(state: WindowState, workAreas: readonly Rect[]): WindowState {
  if (workAreas.length === 0) return state;
  const maxWidth = Math.max(...workAreas.map((a) => a.width));
  const maxHeight = Math.max(...workAreas.map((a) => a.height));
  const width = Math.max(MIN_WINDOW_SIZE.width, Math.min(state.bounds.width, maxWidth));
  const height = Math.max(MIN_WINDOW_SIZE.height, Math.min(state.bounds.height, maxHeight));
  const { x, y } = state.bounds;
  if (x === undefined || y === undefined) return { maximized: state.maximized, bounds: { width, height } };
  const rect = { x, y, width, height };
  const titleBar = { x, y, width, height: 32 };
  const visible = workAreas.some(
    (a) => overlap(rect, a) >= 0.25 * width * height && overlap(titleBar, a) > 0,
  );
  return { maximized: state.maximized, bounds: visible ? rect : { width, height } };
}

/** Bounds for the n-th window open at once (0 = the saved bounds). */
export function cascade(state: WindowState, index: number): WindowState {
  const { x, y } = state.bounds;
  if (index === 0 || x === undefined || y === undefined) return state;
  const shift = CASCADE_OFFSET * (index % 8);
  return { ...state, bounds: { ...state.bounds, x: x + shift, y: y + shift } };
}

export async function readWindowState(file: string): Promise<WindowState> {
  return parseWindowState(await readTextIfExists(file));
}

export async function writeWindowState(file: string, state: WindowState): Promise<void> {
  await writeFileAtomic(file, serializeWindowState(state), { createFolder: true });
}
