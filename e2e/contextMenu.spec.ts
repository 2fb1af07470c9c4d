// Right-click menus on the canvas (issue 12), worked with the mouse and the keyboard, against the
// real `sluice serve`: disable a node and run (it is skipped, its consumer's input ends), bypass one
// (its input goes straight through), run to here (only the upstream part runs), insert a node into
// an edge, and the canvas menu.
import type { Page } from '@playwright/test';
import { center, handle } from './fixtures/canvas';
import { expect, test } from './fixtures/server';
import type {} from '../renderer/src/testApi.js';

const serialize = (page: Page) => page.evaluate(() => window.__sluice!.serialize());

test.beforeEach(async ({ page, sluice }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(sluice.url);
  await page.getByTestId('example-Numbers pipeline').click();
  await expect(page.getByTestId('node-square')).toBeVisible();
});

test('right-click a node → Disable (by keyboard) → Run: the node is skipped and its consumer’s input ends', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.getByTestId('node-square').locator('.flow-node-header').click({ button: 'right' });
  const menu = page.getByRole('menu', { name: 'node actions' });
  await expect(menu).toBeVisible();
  await expect(menu.getByRole('menuitem', { name: 'Rename…' })).toBeFocused();
  // Rename, Duplicate, Copy, Delete, then Disable; End and Home move to the ends; Enter chooses.
  await page.keyboard.press('End');
  await expect(menu.getByRole('menuitem', { name: 'Show data' })).toBeFocused();
  await page.keyboard.press('Home');
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('menuitem', { name: 'Disable (skip when run)' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(menu).toHaveCount(0);
  await expect(page.getByTestId('node-square')).toHaveAttribute('data-disabled', 'true');
  expect(await serialize(page)).toContain('"disabled": true');
  // The check says what disabling does.
  await page.getByTestId('tab-problems').click();
  await expect(page.getByTestId('problems')).toContainText(
    'Node "square" is disabled: it is skipped when the workflow runs; the inputs it feeds end without values (even.in).',
  );

  await page.getByTestId('run-start').click();
  await expect(page.getByTestId('run-status')).toContainText('Completed', { timeout: 30_000 });
  await expect(page.getByTestId('node-status-square')).toHaveAttribute('data-status', 'skipped');
  await expect(page.getByTestId('node-status-square')).toContainText('Skipped (disabled)');
  await expect(page.getByTestId('node-status-even')).toHaveAttribute('data-status', 'completed');
  await expect(page.getByTestId('node-status-print')).toHaveAttribute('data-status', 'completed');
  await expect(page.getByTestId('run-status')).toContainText('1 skipped');
  // Its consumer's input ended with nothing in it: the log counted no values.
  await expect(page.getByTestId('logs')).toContainText('0 values');

  // Enable it again from the same menu, with the mouse.
  await page.getByTestId('node-square').locator('.flow-node-header').click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Enable' }).click();
  await expect(page.getByTestId('node-square')).toHaveAttribute('data-disabled', 'false');
  expect(errors).toEqual([]);
});

test('right-click a node → Bypass (by keyboard) → Run: its input goes straight to its consumer', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.getByTestId('node-square').locator('.flow-node-header').click({ button: 'right' });
  const menu = page.getByRole('menu', { name: 'node actions' });
  await expect(menu.getByRole('menuitem', { name: 'Rename…' })).toBeFocused();
  // Rename, Duplicate, Copy, Delete, Disable, then Bypass.
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('menuitem', { name: 'Bypass (pass input through)' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(menu).toHaveCount(0);
  const square = page.getByTestId('node-square');
  await expect(square).toHaveAttribute('data-mode', 'bypassed');
  await expect(square).toHaveAttribute('data-disabled', 'false');
  await expect(square.locator('.flow-node-off')).toHaveText('bypass');
  expect(await serialize(page)).toContain('"bypassed": true');
  await page.getByTestId('tab-problems').click();
  await expect(page.getByTestId('problems')).toContainText(
    'Node "square" is bypassed: it does not run; its input "in" goes straight to even.in.',
  );

  await page.getByTestId('run-start').click();
  await expect(page.getByTestId('run-status')).toContainText('Completed', { timeout: 30_000 });
  await expect(page.getByTestId('node-status-square')).toHaveAttribute('data-status', 'skipped');
  await expect(page.getByTestId('node-status-square')).toContainText('Bypassed (input passed through)');
  await expect(page.getByTestId('node-status-even')).toHaveAttribute('data-status', 'completed');
  // The numbers were not squared: the even ones of 1…20 reached the log, up to 20, not 400.
  const logs = page.getByTestId('logs');
  await expect(logs).toContainText('10 values');
  await expect(logs).not.toContainText('400');
  // The wires into and out of the bypassed node both count what went through it.
  const counts = await page.evaluate(() => window.__sluice!.runs.getState().run!.edges);
  expect(counts.e1).toMatchObject({ sent: 20, received: 20 });
  expect(counts.e2).toMatchObject({ sent: 20, received: 20 });
  // The data view of its consumer shows what came in: the sequence's values, through the bypass.
  await page.getByTestId('node-even').locator('.flow-node-header').click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Show data' }).click();
  await expect(page.getByTestId('data-input')).toContainText('in ← numbers.out');
  await expect(page.getByTestId('data-input-0-summary')).toHaveText('20 values · 1 column');
  await expect(page.getByTestId('data-input-0').locator('tbody tr').nth(3).locator('td')).toHaveText([
    '4',
    '4',
  ]);

  // Undo it from the same menu, with the mouse.
  await square.locator('.flow-node-header').click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Stop bypassing' }).click();
  await expect(square).toHaveAttribute('data-mode', 'active');
  expect(await serialize(page)).not.toContain('bypassed');
  expect(errors).toEqual([]);
});

test('Run to here runs the chosen node and only what it depends on', async ({ page }) => {
  await page.getByTestId('node-even').locator('.flow-node-header').click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Run to here' }).click();
  await expect(page.getByTestId('run-status')).toContainText('Completed', { timeout: 30_000 });
  await expect(page.getByTestId('run-status')).toContainText('3/3 nodes completed');
  for (const id of ['numbers', 'square', 'even'])
    await expect(page.getByTestId(`node-status-${id}`)).toHaveAttribute('data-status', 'completed');
  // The log downstream of it did not run.
  await expect(page.getByTestId('node-status-print')).toHaveAttribute('data-status', 'idle');
  const ran = await page.evaluate(() => Object.keys(window.__sluice!.runs.getState().run!.nodes).sort());
  expect(ran).toEqual(['even', 'numbers', 'square']);
  const counts = await page.evaluate(() => window.__sluice!.runs.getState().run!.edges);
  expect(counts.e1).toMatchObject({ sent: 20, received: 20 });
  expect(counts.e2).toMatchObject({ sent: 20, received: 20 });
  expect(counts.e3).toBeUndefined();
});

test('an edge’s menu inserts a node into it; Escape closes the canvas menu', async ({ page }) => {
  // Right-click the middle of the wire square → even, as a person aims at it.
  const a = await center(handle(page, 'square', 'source', 'out'));
  const b = await center(handle(page, 'even', 'target', 'in'));
  await page.mouse.click((a.x + b.x) / 2, (a.y + b.y) / 2, { button: 'right' });
  const menu = page.getByRole('menu', { name: 'edge actions' });
  await expect(menu).toBeVisible();
  await menu.getByRole('menuitem', { name: 'Insert node…' }).click();
  await expect(page.getByTestId('quick-add-search')).toBeFocused();
  await page.keyboard.type('delay');
  await page.keyboard.press('Enter');
  const doc = await page.evaluate(() => window.__sluice!.doc());
  expect(doc.nodes.map((n) => n.id)).toContain('delay1');
  expect(doc.edges.map((e) => `${e.source}→${e.target}`).sort()).toEqual([
    'delay1→even',
    'even→print',
    'numbers→square',
    'square→delay1',
  ]);
  // One undo takes the whole insertion back.
  await page.getByTestId('canvas').click({ position: { x: 40, y: 40 } });
  await page.keyboard.press('ControlOrMeta+z');
  expect((await page.evaluate(() => window.__sluice!.doc())).edges.map((e) => e.id)).toEqual([
    'e1',
    'e2',
    'e3',
  ]);

  await page.getByTestId('canvas').click({ position: { x: 40, y: 40 }, button: 'right' });
  const canvasMenu = page.getByRole('menu', { name: 'Canvas actions' });
  await expect(canvasMenu.getByRole('menuitem', { name: 'Add node…' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(canvasMenu).toHaveCount(0);
  await page.getByTestId('canvas').click({ position: { x: 40, y: 40 }, button: 'right' });
  await page.getByRole('menuitem', { name: 'Select all' }).click();
  expect(await page.evaluate(() => window.__sluice!.store.getState().selection.nodes.length)).toBe(4);
});
