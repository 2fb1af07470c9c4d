// The README's screenshots, from a real run in Chromium: the editor in the light and dark themes at
// 1280×720 and 1920×1080 (docs/screenshots/editor-<theme>-<size>.png), and a node's context menu.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from './fixtures/server';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shot = (name: string) => path.join(root, 'docs', 'screenshots', name);

for (const [width, height] of [
  [1280, 720],
  [1920, 1080],
] as const) {
  test(`screenshots at ${width}×${height}, light and dark`, async ({ page, sluice }) => {
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize({ width, height });
    await page.goto(sluice.url);
    await page.getByTestId('example-Seattle weather by month').click();
    await page.getByTestId('run-start').click();
    await expect(page.getByTestId('run-status')).toContainText('Completed', { timeout: 30_000 });
    await page.getByTestId('node-monthly').locator('.flow-node-header').click({ button: 'right' });
    if (width === 1280) {
      await expect(page.getByRole('menu')).toBeVisible();
      await page.screenshot({ path: shot('context-menu.png') });
    }
    await page.getByRole('menuitem', { name: 'Show data' }).click();
    await expect(page.getByTestId('data-output-0')).toBeVisible();
    await expect(page.getByTestId('param-sql').locator('.monaco-editor')).toBeVisible({ timeout: 20_000 });
    // Room for the tables: drag the bottom panel's edge up, as a person would.
    const edge = (await page.getByRole('separator', { name: 'Resize the bottom panel' }).boundingBox())!;
    await page.mouse.move(edge.x + edge.width / 2, edge.y + edge.height / 2);
    await page.mouse.down();
    await page.mouse.move(edge.x + edge.width / 2, edge.y - height * 0.18, { steps: 6 });
    await page.mouse.up();
    await page.getByTestId('fit-view').click();
    await page.mouse.move(5, height / 2);
    await page.waitForTimeout(400);
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await expect(page.locator('html')).toHaveAttribute('data-theme', scheme);
      await page.waitForTimeout(300);
      await page.screenshot({ path: shot(`editor-${scheme}-${width}x${height}.png`) });
    }
  });
}
