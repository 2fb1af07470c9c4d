// Resizable panels (issue 12): the inspector, palette and bottom panel have draggable edges
// (role="separator", arrow keys too), their sizes survive a reload, and dragging the bottom panel's
// edge resizes it without panning the canvas.
import type { Locator, Page } from '@playwright/test';
import { center } from './fixtures/canvas';
import { expect, test } from './fixtures/server';

async function width(l: Locator): Promise<number> {
  return (await l.boundingBox())!.width;
}

async function dragBy(page: Page, handle: Locator, dx: number, dy: number): Promise<void> {
  const p = await center(handle);
  await page.mouse.move(p.x, p.y);
  await page.mouse.down();
  await page.mouse.move(p.x + dx / 2, p.y + dy / 2, { steps: 5 });
  await page.mouse.move(p.x + dx, p.y + dy, { steps: 5 });
  await page.mouse.up();
}

test('drag the inspector’s edge 250 px wider: it stays wider after a reload; the keyboard moves it too', async ({
  page,
  sluice,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(sluice.url);
  await page.getByTestId('welcome-new').click();
  const inspector = page.getByTestId('inspector');
  const before = await width(inspector);
  const edge = page.getByRole('separator', { name: 'Resize the inspector' });
  await dragBy(page, edge, -250, 0);
  await expect.poll(() => width(inspector)).toBeCloseTo(before + 250, -1);
  await expect(edge).toHaveAttribute('aria-valuenow', String(Math.round(before + 250)));

  await page.reload();
  await page.getByTestId('welcome-new').click();
  await expect.poll(() => width(inspector)).toBeCloseTo(before + 250, -1);

  // Keyboard: the separator takes focus; ArrowLeft widens the inspector by 16 px, ArrowRight narrows it.
  await edge.focus();
  await page.keyboard.press('ArrowLeft');
  await expect(edge).toHaveAttribute('aria-valuenow', String(Math.round(before + 266)));
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(edge).toHaveAttribute('aria-valuenow', String(Math.round(before + 234)));

  // The palette's edge, dragged 100 px to the right.
  const palette = page.getByTestId('palette');
  const paletteBefore = await width(palette);
  const paletteEdge = page.getByRole('separator', { name: 'Resize the node palette' });
  await dragBy(page, paletteEdge, 100, 0);
  await expect.poll(() => width(palette)).toBeCloseTo(paletteBefore + 100, -1);
  // Its arrow keys: ArrowRight widens the palette by 16 px; and its size is remembered too.
  await paletteEdge.focus();
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => width(palette)).toBeCloseTo(paletteBefore + 116, -1);
  await page.reload();
  await page.getByTestId('welcome-new').click();
  await expect.poll(() => width(page.getByTestId('palette'))).toBeCloseTo(paletteBefore + 116, -1);
  await expect.poll(() => width(page.getByTestId('inspector'))).toBeCloseTo(before + 234, -1);
});

test('dragging the bottom panel’s edge resizes the panel and does not pan the canvas', async ({
  page,
  sluice,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(sluice.url);
  await page.getByTestId('example-Numbers pipeline').click();
  await expect(page.getByTestId('node-square')).toBeVisible();
  const viewport = page.locator('.react-flow__viewport');
  const transform = await viewport.getAttribute('style');
  const panel = page.getByTestId('bottom-panel');
  const before = (await panel.boundingBox())!.height;
  await dragBy(page, page.getByRole('separator', { name: 'Resize the bottom panel' }), 0, -150);
  await expect.poll(async () => (await panel.boundingBox())!.height).toBeCloseTo(before + 150, -1);
  expect(await viewport.getAttribute('style')).toBe(transform);
});
