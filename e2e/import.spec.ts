// Import a workflow file from the person's computer (issue 12): the browser's file picker, as a
// person picks a file, opens it as a new document (asking first about unsaved work); a bad file says
// what is wrong with it. Paste and duplicate land clear of the nodes already there.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/server';
import type {} from '../renderer/src/testApi.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
let dir: string;

test.beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sluice-import-'));
  await writeFile(
    path.join(dir, 'fan-out.sluice.json'),
    await readFile(path.join(root, 'examples', 'fan-out.sluice.json')),
  );
  await writeFile(path.join(dir, 'notes.json'), '{ "sluice": 1, "name": "x", "nodes": [');
});
test.afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
test.beforeEach(async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
});

async function importThroughPicker(page: Page, file: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('menu-file').click();
  await page.getByTestId('file-import').click();
  await (await chooser).setFiles(path.join(dir, file));
}

test('import a file through the file picker: a new document, after the unsaved-work prompt', async ({
  page,
  sluice,
}) => {
  await page.goto(sluice.url);
  await page.getByTestId('welcome-new').click();
  await page
    .getByTestId('palette-item-core.log')
    .dragTo(page.getByTestId('canvas'), { targetPosition: { x: 300, y: 200 } });
  await expect(page.getByTestId('dirty-marker')).toBeVisible();

  await importThroughPicker(page, 'fan-out.sluice.json');
  await page.getByRole('alertdialog').getByTestId('unsaved-discard').click();
  await expect(page.getByTestId('node-double')).toBeVisible();
  await expect(page.getByTestId('node-log1')).toHaveCount(0);
  await expect(page.locator('.react-flow__node')).toHaveCount(4);
  await expect(page.getByTestId('doc-title')).toContainText('unsaved');
  await expect(page.getByTestId('dirty-marker')).toHaveCount(0);
  const opened = await page.evaluate(() => window.__sluice!.doc());
  expect(opened.nodes.map((n) => n.id).sort()).toEqual(['all', 'double', 'negate', 'numbers']);

  // A file that is not a workflow: a clear message naming the file, and the document stays.
  await importThroughPicker(page, 'notes.json');
  await expect(page.getByTestId('notice-error')).toContainText(
    'Cannot import notes.json: not a Sluice workflow file:',
  );
  await expect(page.getByTestId('notice-error')).not.toContainText('clipboard');
  expect((await page.evaluate(() => window.__sluice!.doc())).nodes).toHaveLength(4);
});

/** Screen rectangles of every workflow node on the canvas. */
async function nodeRects(page: Page) {
  return page.locator('.react-flow__node').evaluateAll((els) =>
    els.map((el) => {
      const r = el.getBoundingClientRect();
      return { id: el.getAttribute('data-id'), x: r.x, y: r.y, w: r.width, h: r.height };
    }),
  );
}

test('paste at the pointer and duplicate land clear of the nodes already there', async ({
  page,
  context,
  sluice,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: new URL(sluice.url).origin,
  });
  await page.goto(sluice.url);
  await page.getByTestId('example-Numbers pipeline').click();
  // Copy and paste through the menus (headless Chromium delivers no clipboard events for Ctrl+C/V).
  await page.getByTestId('node-square').locator('.flow-node-header').click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Copy' }).click();
  // Right-click just above another node: the paste starts there and moves down past it.
  const even = (await page.getByTestId('node-even').boundingBox())!;
  await page.mouse.click(even.x + 20, even.y - 12, { button: 'right' });
  await page.getByRole('menuitem', { name: 'Paste' }).click();
  await expect(page.locator('.react-flow__node')).toHaveCount(5);
  await page.getByTestId('node-numbers').locator('.flow-node-header').click();
  await page.keyboard.press('ControlOrMeta+d');
  await expect(page.locator('.react-flow__node')).toHaveCount(6);
  const rects = await nodeRects(page);
  expect(rects).toHaveLength(6);
  for (const a of rects)
    for (const b of rects) {
      if (a.id === b.id) continue;
      const apart = a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y;
      expect(apart, `${a.id} overlaps ${b.id}`).toBe(true);
    }
});
