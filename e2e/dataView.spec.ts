// The large data view (issue 12): a node's input and output tables side by side, with schema, row
// count and pages through the first rows, from the last run's recorded outputs (real DuckDB, real
// public data: vega-datasets' seattle-weather.csv, 1,461 rows), and a stream node's recorded values.
// Writes docs/screenshots/data-view.png.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from './fixtures/server';
import { typeInto } from './fixtures/typing';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

test('the data view shows a node’s input and output tables and pages through 100 rows', async ({
  page,
  sluice,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto(sluice.url);
  await page.getByTestId('example-Seattle weather by month').click();
  await page.getByTestId('run-start').click();
  await expect(page.getByTestId('run-status')).toContainText('Completed', { timeout: 30_000 });

  await page.getByTestId('node-monthly').locator('.flow-node-header').click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Show data' }).click();
  await expect(page.getByTestId('tab-data')).toHaveAttribute('aria-selected', 'true');
  await page.getByTestId('bottom-panel-maximize').click();
  const view = page.getByTestId('data-view');
  await expect(view).toHaveAttribute('data-node-id', 'monthly');

  // Input: the CSV's table, 1,461 rows, of which the first 100 are loaded, 25 a page.
  const input = page.getByTestId('data-input-0');
  await expect(page.getByTestId('data-input')).toContainText('weather ← weather.table');
  await expect(page.getByTestId('data-input-0-summary')).toHaveText('1,461 rows · 6 columns');
  await expect(input.locator('th')).toHaveText([
    '#',
    /date/,
    /precipitation/,
    /temp_max/,
    /temp_min/,
    /wind/,
    /weather/,
  ]);
  await expect(input.locator('tbody tr')).toHaveCount(25);
  await expect(page.getByTestId('data-input-0-range')).toHaveText('rows 1–25 of the first 100');
  for (let i = 0; i < 3; i++) await page.getByTestId('data-input-0-next').click();
  await expect(page.getByTestId('data-input-0-range')).toHaveText('rows 76–100 of the first 100');
  await expect(page.getByTestId('data-input-0-next')).toBeDisabled();
  await expect(input.locator('tbody tr').last().locator('td').first()).toHaveText('100');
  await page.getByTestId('data-input-0-page-size').selectOption('100');
  await expect(input.locator('tbody tr')).toHaveCount(100);
  await expect(input.locator('tbody tr').first().locator('td').nth(1)).toContainText('2012-01-01');
  await expect(page.getByTestId('data-input-0-range')).toHaveText('rows 1–100 of the first 100');

  // Output: the query's result beside it, all 48 rows.
  const output = page.getByTestId('data-output-0');
  await expect(page.getByTestId('data-output-0-summary')).toHaveText('48 rows · 5 columns');
  await expect(output.locator('th')).toHaveText([
    '#',
    /month/,
    /mean_high/,
    /mean_low/,
    /rain_mm/,
    /sunny_days/,
  ]);
  await page.getByTestId('data-output-0-page-size').selectOption('50');
  await expect(output.locator('tbody tr')).toHaveCount(48);
  await expect(page.getByTestId('data-output-0-range')).toHaveText('rows 1–48 of 48');
  await page.mouse.move(5, 500);
  await page.screenshot({ path: path.join(root, 'docs', 'screenshots', 'data-view.png') });
  expect(errors).toEqual([]);
});

test('the data view shows the recorded values of stream ports: the first 100 of 500, in and out', async ({
  page,
  sluice,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(sluice.url);
  await page.getByTestId('example-Numbers pipeline').click();
  // Count to 500, typed into the sequence's To field.
  await page.getByTestId('node-numbers').locator('.flow-node-header').click();
  await typeInto(page, page.getByTestId('param-to'), '500');
  await page.getByTestId('param-to').blur();
  await page.getByTestId('run-start').click();
  await expect(page.getByTestId('run-status')).toContainText('Completed', { timeout: 30_000 });

  await page.getByTestId('node-square').locator('.flow-node-header').click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Show data' }).click();
  const view = page.getByTestId('data-view');
  await expect(view).toHaveAttribute('data-node-id', 'square');
  // Input: what the sequence sent, 500 values of which the run recorded the first 100.
  const input = page.getByTestId('data-input-0');
  await expect(page.getByTestId('data-input')).toContainText('in ← numbers.out');
  await expect(input).toHaveAttribute('data-kind', 'values');
  await expect(page.getByTestId('data-input-0-summary')).toHaveText('500 values · 1 column');
  await expect(page.getByTestId('data-input-0-range')).toHaveText('values 1–25 · first 100 of 500');
  await expect(input.locator('th')).toHaveText(['#', /value/]);
  await expect(input.locator('tbody tr').nth(2).locator('td')).toHaveText(['3', '3']);
  // Output: the squares, paged to the last of the hundred recorded.
  const output = page.getByTestId('data-output-0');
  await expect(page.getByTestId('data-output')).toContainText('out');
  await expect(page.getByTestId('data-output-0-summary')).toHaveText('500 values · 1 column');
  for (let i = 0; i < 3; i++) await page.getByTestId('data-output-0-next').click();
  await expect(page.getByTestId('data-output-0-range')).toHaveText('values 76–100 · first 100 of 500');
  await expect(output.locator('tbody tr').last().locator('td')).toHaveText(['100', '10000']);
  expect(errors).toEqual([]);
});
