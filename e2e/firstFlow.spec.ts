// The README's "A first flow in five minutes", step by step, against the real `sluice serve`: if
// this fails, the README is wrong. Then the saved file runs headless with `sluice run`.
// Writes docs/screenshots/first-flow.png.

import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { drawWire, handle } from './fixtures/canvas';
import { monaco, monacoText, typeInMonaco, typeInto } from './fixtures/typing';
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
  const search = page.getByPlaceholder('Search nodes…');
  await typeInto(page, search, 'seq');
  await page.getByTestId('palette-item-core.sequence').dragTo(canvas, { targetPosition: { x: 160, y: 200 } });
  await typeInto(page, search, '');
  await page.getByTestId('node-sequence1').click();
  await typeInto(page, page.getByTestId('param-to'), '100');
  await page.getByTestId('param-to').blur();

  // 3. Map, with the function x => x * x.
  await page.getByTestId('palette-item-core.map').dragTo(canvas, { targetPosition: { x: 480, y: 200 } });
  await page.getByTestId('node-map1').click();
  const code = monaco(page, 'code');
  await expect(code).toBeVisible({ timeout: 20_000 });
  await typeInMonaco(page, code, 'x => x * x');
  // Every key arrived, spaces too (the canvas's pan key is Space: it must not take them).
  await expect.poll(() => monacoText(code)).toBe('x => x * x');

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
  await typeInto(page, page.getByTestId('save-as-name'), 'squares.sluice.json');
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

test('a SQL query typed by hand, with spaces, quotes and brackets, runs as typed', async ({
  page,
  sluice,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(sluice.url);
  await page.getByTestId('example-Seattle weather by month').click();
  await page.getByTestId('node-monthly').click();
  const sql = monaco(page, 'sql');
  await expect(sql).toBeVisible({ timeout: 20_000 });
  const query =
    "SELECT weather AS kind, count(*) AS days FROM weather WHERE weather IN ('sun', 'fog') GROUP BY kind ORDER BY kind";
  await typeInMonaco(page, sql, query);
  // Monaco closes brackets and quotes as they open and types over the closing one: the text is as typed.
  await expect.poll(() => monacoText(sql)).toBe(query);
  await expect
    .poll(() => page.evaluate(() => window.__sluice!.doc().nodes.find((n) => n.id === 'monthly')!.params.sql))
    .toBe(query);
  await page.getByTestId('run-start').click();
  await expect(page.getByTestId('run-status')).toContainText('Completed', { timeout: 30_000 });
  await page.getByTestId('node-monthly').click();
  const table = page.getByTestId('output-preview').getByTestId('preview-table');
  await expect(table.locator('th')).toHaveText([/kind/, /days/]);
  await expect(table.locator('tbody tr')).toHaveText([/fog\s*101/, /sun\s*640/]);
  expect(errors).toEqual([]);
});
