// The README's "A first flow in five minutes", step by step, against the real `sluice serve`: if
// this fails, the README is wrong. Then the saved file runs headless with `sluice run`.
// Writes docs/screenshots/first-flow.png.

import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { drawWire, handle } from './fixtures/canvas';
import { expect, test } from './fixtures/server';
import type {} from '../renderer/src/testApi.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

test('a first flow in five minutes: Sequence → Map → Log, run, save, run headless', async ({
  page,
  sluice,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(sluice.url);

  // 1. New workflow.
  await page.getByTestId('welcome-new').click();
  const canvas = page.getByTestId('canvas');

  // 2. Sequence from the palette (search "seq"), To = 100.
  await page.getByPlaceholder('Search nodes…').fill('seq');
  await page.getByTestId('palette-item-core.sequence').dragTo(canvas, { targetPosition: { x: 160, y: 200 } });
  await page.getByPlaceholder('Search nodes…').fill('');
  await page.getByTestId('node-sequence1').click();
  await page.getByTestId('param-to').fill('100');
  await page.getByTestId('param-to').blur();

  // 3. Map, with the function x => x * x.
  await page.getByTestId('palette-item-core.map').dragTo(canvas, { targetPosition: { x: 480, y: 200 } });
  await page.getByTestId('node-map1').click();
  const code = page.getByTestId('param-code').locator('.monaco-editor');
  await expect(code).toBeVisible({ timeout: 20_000 });
  await code.locator('.view-lines').click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.insertText('x => x * x');

  // 4. Log.
  await page.getByTestId('palette-item-core.log').dragTo(canvas, { targetPosition: { x: 800, y: 200 } });

  // 5. Wires: Sequence out → Map in → Log in.
  await drawWire(page, handle(page, 'sequence1', 'source', 'out'), handle(page, 'map1', 'target', 'in'));
  await drawWire(page, handle(page, 'map1', 'source', 'out'), handle(page, 'log1', 'target', 'in'));
  await expect(page.locator('.react-flow__edge')).toHaveCount(2);
  await expect(page.getByTestId('problems-empty')).toBeVisible();

  // 6. Run (F5): every node completes, and the squares stream into the Logs tab.
  await canvas.click({ position: { x: 600, y: 500 } });
  await page.keyboard.press('F5');
  await expect(page.getByTestId('run-status')).toContainText('Completed', { timeout: 30_000 });
  await expect(page.getByTestId('run-status')).toContainText('3/3 nodes completed');
  await expect(page.getByTestId('logs')).toContainText('10000');
  await page.screenshot({ path: path.join(root, 'docs', 'screenshots', 'first-flow.png') });

  // 7. Save (Ctrl+S asks for a name the first time).
  await page.keyboard.press('ControlOrMeta+s');
  await page.getByTestId('save-as-name').fill('squares.sluice.json');
  await page.getByTestId('save-as-confirm').click();
  await expect(page.getByTestId('dirty-marker')).toHaveCount(0);
  const file = path.join(sluice.workspace, 'squares.sluice.json');
  const saved = JSON.parse(await readFile(file, 'utf8')) as {
    nodes: Array<{ id: string; params: Record<string, unknown> }>;
  };
  const params = Object.fromEntries(saved.nodes.map((n) => [n.id, n.params]));
  expect(params['sequence1']).toMatchObject({ from: 1, to: 100 });
  expect(params['map1']).toMatchObject({ code: 'x => x * x' });

  // 8. The same file, headless: `npx sluice run squares.sluice.json`, and a parameter overridden.
  const out = execFileSync(
    process.execPath,
    [path.join(root, 'bin', 'sluice.js'), 'run', file, '--param', 'sequence1.to=3'],
    { cwd: sluice.workspace, encoding: 'utf8' },
  );
  expect(out).toMatch(/log1.*9/);
  expect(out).toMatch(/completed in/);
  expect(errors).toEqual([]);
});
