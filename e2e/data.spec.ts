// Data-pipeline nodes on the canvas (issue 5), against the real `sluice serve` and real public data
// (vega-datasets' seattle-weather.csv): table ports show the columns the host works out before the
// run, a query naming a missing column is marked before Run, and after the run the inspector
// previews a table output (schema, row count, first rows). Writes docs/screenshots/data-preview.png.

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from './fixtures/server';
import { monaco, monacoText, typeInMonaco } from './fixtures/typing';
import type {} from '../renderer/src/testApi.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

test('inferred table columns before the run, a preview of the result after it', async ({ page, sluice }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(sluice.url);
  await page.getByTestId('example-Seattle weather by month').click();
  await expect(page.getByTestId('node-weather')).toBeVisible();

  // Before any run: the CSV source's port carries the file's columns (on hover on the canvas, and
  // in the inspector), and so does the query's.
  const portRow = page.getByTestId('node-weather').getByTestId('port-out-table');
  await portRow.hover();
  await expect(portRow.locator('.port-type')).toContainText('temp_max: number');
  await page.screenshot({ path: path.join(root, 'test-results', 'port-hover.png') });
  await page.getByTestId('node-weather').click();
  const csvPort = page.getByTestId('inspector-port-out-table');
  await expect(csvPort).toContainText('table · 6 columns');
  await expect(csvPort).toContainText('temp_max');
  await expect(csvPort).toContainText('date');
  // The dialect DuckDB sniffed shows as the defaults of the fields left empty.
  const delimiter = page.getByTestId('field-delimiter').locator('input');
  await expect(delimiter).toHaveAttribute('placeholder', ', (sniffed)');
  await expect(page.getByTestId('field-quote').locator('input')).toHaveAttribute(
    'placeholder',
    '" (sniffed)',
  );
  // Typing one makes it the user's: the sniffed default is gone from it.
  await delimiter.click();
  await page.keyboard.type(';');
  await expect(delimiter).toHaveValue(';');
  await page.keyboard.press('Backspace');
  await expect(delimiter).toHaveAttribute('placeholder', ', (sniffed)');
  await page.getByTestId('node-monthly').click();
  await expect(page.getByTestId('inspector-ports')).toContainText('mean_high');
  await expect(page.getByTestId('inspector-ports')).toContainText('sunny_days');

  // A query that names a column the CSV does not have is marked before Run, naming the column.
  const sql = monaco(page, 'sql');
  await expect(sql).toBeVisible({ timeout: 20_000 });
  await typeInMonaco(page, sql, 'SELECT snowfall FROM weather');
  await expect.poll(() => monacoText(sql)).toBe('SELECT snowfall FROM weather');
  // Leaving the editor ends the typing step: one undo brings the example's query back.
  await page.getByTestId('canvas').click({ position: { x: 30, y: 30 } });
  await page.getByTestId('tab-problems').click();
  await expect(page.getByTestId('problems')).toContainText('snowfall');
  await expect(page.getByTestId('node-monthly')).toHaveClass(/faulty/);
  await page.keyboard.press('ControlOrMeta+z');
  await expect(page.getByTestId('problems-empty')).toBeVisible();

  // Run it; the query's output is then previewable in the inspector.
  await page.getByTestId('run-start').click();
  await expect(page.getByTestId('run-status')).toContainText('Completed', { timeout: 30_000 });
  await page.getByTestId('node-monthly').click();
  const preview = page.getByTestId('output-preview');
  await expect(preview.getByTestId('preview-summary')).toHaveText('48 rows · 5 columns');
  const table = preview.getByTestId('preview-table');
  await expect(table.locator('th')).toHaveText([/month/, /mean_high/, /mean_low/, /rain_mm/, /sunny_days/]);
  await expect(table.locator('tbody tr')).toHaveCount(48);
  await expect(table.locator('tbody tr').first().locator('td').first()).toHaveText('2012-01');
  // The inspect sink recorded what it received: previewable too.
  await page.getByTestId('node-show').click();
  await expect(page.getByTestId('output-preview').getByTestId('preview-summary')).toHaveText(
    '48 rows · 5 columns',
  );
  await page.getByTestId('node-monthly').click();
  await expect(preview.getByTestId('preview-table')).toBeVisible();
  await page.keyboard.press('f');
  await preview.scrollIntoViewIfNeeded();
  await page.mouse.move(5, 300);
  await page.waitForTimeout(400);
  await page.screenshot({ path: path.join(root, 'docs', 'screenshots', 'data-preview.png') });
  expect(errors).toEqual([]);
});
