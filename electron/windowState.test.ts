import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  cascade,
  CASCADE_OFFSET,
  DEFAULT_WINDOW_STATE,
  fitToDisplays,
  MIN_WINDOW_SIZE,
  parseWindowState,
  readWindowState,
  writeWindowState,
  type WindowState,
} from './windowState.js';

const laptop = { x: 0, y: 0, width: 1440, height: 875 };
const rightMonitor = { x: 1440, y: 0, width: 2560, height: 1415 };

describe('window state file', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'sluice-winstate-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('round-trips through an atomic write and leaves no temporary file', async () => {
    const file = path.join(dir, 'nested', 'window-state.json');
    const state: WindowState = { bounds: { x: 40, y: 60, width: 1200, height: 700 }, maximized: true };
    await writeWindowState(file, state);
    expect(await readWindowState(file)).toEqual(state);
    expect(await readdir(path.dirname(file))).toEqual(['window-state.json']);
  });

  it('gives default bounds for a missing, truncated or wrongly shaped file', async () => {
    const file = path.join(dir, 'window-state.json');
    expect(await readWindowState(file)).toEqual(DEFAULT_WINDOW_STATE);
    await writeFile(file, '{"bounds": {"x": 1, "wid');
    expect(await readWindowState(file)).toEqual(DEFAULT_WINDOW_STATE);
    expect(parseWindowState('{"bounds":{"width":-5,"height":10},"maximized":false}')).toEqual(
      DEFAULT_WINDOW_STATE,
    );
    expect(parseWindowState('[]')).toEqual(DEFAULT_WINDOW_STATE);
  });

  it('never leaves a half-written file when writes race', async () => {
    const file = path.join(dir, 'window-state.json');
    const writes = Array.from({ length: 20 }, (_, i) =>
      writeWindowState(file, { bounds: { x: i, y: i, width: 800 + i, height: 600 }, maximized: false }),
    );
    await Promise.all(writes);
    const parsed = JSON.parse(await readFile(file, 'utf8')) as WindowState;
    expect(parsed.bounds.width - (parsed.bounds.x ?? NaN)).toBe(800);
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('fitToDisplays', () => {
  it('keeps bounds that are on a display', () => {
    const state: WindowState = { bounds: { x: 1600, y: 100, width: 1200, height: 800 }, maximized: false };
    expect(fitToDisplays(state, [laptop, rightMonitor])).toEqual(state);
  });

  it('centres a window whose monitor was unplugged, and shrinks it to the largest display left', () => {
    const state: WindowState = { bounds: { x: 1600, y: 100, width: 2400, height: 1300 }, maximized: true };
    expect(fitToDisplays(state, [laptop])).toEqual({ bounds: { width: 1440, height: 875 }, maximized: true });
  });

  it('centres a window whose title bar is off screen (it could not be dragged back)', () => {
    const state: WindowState = { bounds: { x: 100, y: -500, width: 1000, height: 1000 }, maximized: false };
    expect(fitToDisplays(state, [laptop]).bounds).toEqual({ width: 1000, height: 875 });
  });

  it('enforces the minimum size', () => {
    const state: WindowState = { bounds: { x: 10, y: 10, width: 50, height: 40 }, maximized: false };
    expect(fitToDisplays(state, [laptop]).bounds).toEqual({ x: 10, y: 10, ...MIN_WINDOW_SIZE });
  });
});

describe('cascade', () => {
  it('offsets each further window and leaves centred windows alone', () => {
    const state: WindowState = { bounds: { x: 100, y: 50, width: 900, height: 600 }, maximized: false };
    expect(cascade(state, 0)).toBe(state);
    expect(cascade(state, 2).bounds).toEqual({
      x: 100 + 2 * CASCADE_OFFSET,
      y: 50 + 2 * CASCADE_OFFSET,
      width: 900,
      height: 600,
    });
    expect(cascade(DEFAULT_WINDOW_STATE, 3)).toBe(DEFAULT_WINDOW_STATE);
  });
});
