// The smaller fixes of issue 12, each as a person meets it: error toasts that go once their cause is
// put right, Save As naming an untitled workflow, "1 edge", `any` rather than `T` in a problem,
// `step: 0` refused by the check, parameter labels tied to their inputs, a minimap that can be hidden.
import type { Page } from '@playwright/test';
import { center, drawWire, handle } from './fixtures/canvas';
import { expect, test } from './fixtures/server';
import { typeInto } from './fixtures/typing';

test.beforeEach(async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
});

async function drop(page: Page, type: string, x: number, y: number): Promise<void> {
  await page
    .getByTestId(`palette-item-${type}`)
    .dragTo(page.getByTestId('canvas'), { targetPosition: { x, y } });
}

test('a refused run’s error toast goes away once the graph has no errors', async ({ page, sluice }) => {
  await page.goto(sluice.url);
  await page.getByTestId('example-Numbers pipeline').click();
  const a = await center(handle(page, 'even', 'source', 'out'));
  const b = await center(handle(page, 'print', 'target', 'in'));
  await page.mouse.click((a.x + b.x) / 2, (a.y + b.y) / 2, { button: 'right' });
  await page.getByRole('menuitem', { name: 'Delete' }).click();
  await page.getByTestId('run-start').click();
  await expect(page.getByTestId('notice-error')).toContainText('Cannot run: 1 problem to fix first');
  await page.getByTestId('canvas').click({ position: { x: 40, y: 40 } });
  await page.keyboard.press('ControlOrMeta+z');
  await expect(page.getByTestId('problems-empty')).toBeVisible();
  await expect(page.getByTestId('notice-error')).toHaveCount(0);
});

test('Save As names an untitled workflow after its file; the inspector counts "1 edge"', async ({
  page,
  sluice,
}) => {
  await page.goto(sluice.url);
  await page.getByTestId('welcome-new').click();
  await drop(page, 'core.sequence', 200, 200);
  await drop(page, 'core.log', 550, 200);
  await drawWire(page, handle(page, 'sequence1', 'source', 'out'), handle(page, 'log1', 'target', 'in'));
  await page.getByTestId('canvas').click({ position: { x: 40, y: 40 } });
  await expect(page.getByTestId('inspector-workflow')).toContainText('2 nodes · 1 edge');
  await expect(page.getByTestId('inspector-workflow')).not.toContainText('1 edges');
  await page.keyboard.press('ControlOrMeta+s');
  await typeInto(page, page.getByTestId('save-as-name'), 'squares.sluice.json');
  await page.getByTestId('save-as-confirm').click();
  await expect(page.getByTestId('doc-title').locator('.doc-name')).toHaveText('squares');
  await expect(page.getByLabel('Name')).toHaveValue('squares');
  await expect(page.getByTestId('dirty-marker')).toHaveCount(0);
});

test('problems say `any` for a type variable, step 0 is refused before the run, labels name their inputs', async ({
  page,
  sluice,
}) => {
  await page.goto(sluice.url);
  await page.getByTestId('welcome-new').click();
  await drop(page, 'core.filter', 300, 200);
  await expect(page.getByTestId('problems')).toContainText(
    'Node "filter1": required input "in" (any) is not connected',
  );
  await expect(page.getByTestId('problems')).not.toContainText('(T)');

  await drop(page, 'core.sequence', 300, 420);
  await page.getByTestId('node-sequence1').locator('.flow-node-header').click();
  // The label is the input's name: a person (or a screen reader) finds the field by it.
  const step = page.getByLabel('Step');
  await expect(step).toHaveAttribute('data-testid', 'param-step');
  await expect(page.getByLabel('To', { exact: true })).toHaveAttribute('data-testid', 'param-to');
  await typeInto(page, step, '0');
  await expect(page.getByTestId('param-error-step')).toHaveText('must not be 0');
  await expect(page.getByTestId('problems')).toContainText(
    'Node "sequence1": parameter "step" must not be 0',
  );
});

test('the minimap can be hidden, and stays hidden after a reload', async ({ page, sluice }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(sluice.url);
  await page.getByTestId('example-Numbers pipeline').click();
  await expect(page.getByTestId('minimap')).toBeVisible();
  await page.getByRole('button', { name: 'Hide the minimap' }).click();
  await expect(page.getByTestId('minimap')).toHaveCount(0);
  await page.reload();
  await page.getByTestId('example-Numbers pipeline').click();
  await expect(page.getByTestId('node-square')).toBeVisible();
  await expect(page.getByTestId('minimap')).toHaveCount(0);
  await page.getByRole('button', { name: 'Show the minimap' }).click();
  await expect(page.getByTestId('minimap')).toBeVisible();
});
