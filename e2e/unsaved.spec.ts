// No lost work (issue 12): a dirty document is never replaced without asking Save / Don't save /
// Cancel, and unsaved work survives a crash of the page (the autosave brings it back on the next start).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/server';
import { typeInto } from './fixtures/typing';
import type {} from '../renderer/src/testApi.js';

const serialize = (page: Page) => page.evaluate(() => window.__sluice!.serialize());

async function addSequence(page: Page, x: number, y: number): Promise<void> {
  await page
    .getByTestId('palette-item-core.sequence')
    .dragTo(page.getByTestId('canvas'), { targetPosition: { x, y } });
}

async function openExampleFromWelcome(page: Page): Promise<void> {
  await page.getByTestId('menu-file').click();
  await page.getByTestId('file-welcome').click();
  await page.getByTestId('example-Numbers pipeline').click();
}

test.beforeEach(async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
});

test('a dirty document asks Save / Don’t save / Cancel before an example replaces it', async ({
  page,
  sluice,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(sluice.url);
  await page.getByTestId('welcome-new').click();
  await addSequence(page, 300, 200);
  await expect(page.getByTestId('dirty-marker')).toBeVisible();
  const edited = await serialize(page);

  // Cancel: nothing is replaced; back in the editor, the edits are all there, still unsaved.
  await openExampleFromWelcome(page);
  const prompt = page.getByRole('alertdialog', { name: 'Save changes to “Untitled”?' });
  await expect(prompt).toBeVisible();
  await expect(prompt.getByTestId('unsaved-save')).toBeFocused();
  await prompt.getByTestId('unsaved-cancel').click();
  await expect(prompt).toHaveCount(0);
  await page.getByTestId('welcome-back').click();
  await expect(page.getByTestId('node-sequence1')).toBeVisible();
  await expect(page.getByTestId('dirty-marker')).toBeVisible();
  expect(await serialize(page)).toBe(edited);

  // Escape is Cancel too.
  await openExampleFromWelcome(page);
  await expect(prompt).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(prompt).toHaveCount(0);
  await page.getByTestId('welcome-back').click();
  expect(await serialize(page)).toBe(edited);

  // Don't save: the example replaces the edits.
  await openExampleFromWelcome(page);
  await prompt.getByTestId('unsaved-discard').click();
  await expect(page.getByTestId('node-numbers')).toBeVisible();
  await expect(page.getByTestId('node-sequence1')).toHaveCount(0);
  await expect(page.getByTestId('dirty-marker')).toHaveCount(0);

  // Save: an example is read-only, so Save asks for a name in the workspace, saves, then goes on.
  await addSequence(page, 700, 450);
  await expect(page.getByTestId('dirty-marker')).toBeVisible();
  const withNode = await serialize(page);
  await page.getByTestId('menu-file').click();
  await page.getByTestId('file-new').click();
  await page
    .getByRole('alertdialog', { name: 'Save changes to “Numbers pipeline”?' })
    .getByTestId('unsaved-save')
    .click();
  await typeInto(page, page.getByTestId('save-as-name'), 'kept.sluice.json');
  await page.getByTestId('save-as-confirm').click();
  await expect(page.locator('.react-flow__node')).toHaveCount(0);
  await expect(page.getByTestId('doc-title')).toContainText('Untitled');
  expect(await readFile(path.join(sluice.workspace, 'kept.sluice.json'), 'utf8')).toBe(withNode);
  expect(errors).toEqual([]);
});

test('unsaved work survives a crash of the page: the next start restores it, still unsaved', async ({
  page,
  context,
  sluice,
}) => {
  await page.goto(sluice.url);
  await page.getByTestId('welcome-new').click();
  await addSequence(page, 300, 200);
  await expect(page.getByTestId('dirty-marker')).toBeVisible();
  const edited = await serialize(page);
  // The copy is written a moment after the edit; then the page goes away without any unload handler.
  await expect.poll(() => page.evaluate(() => localStorage.getItem('sluice.autosave') !== null)).toBe(true);
  await page.close({ runBeforeUnload: false });

  const next = await context.newPage();
  await next.setViewportSize({ width: 1440, height: 900 });
  await next.goto(sluice.url);
  await expect(next.getByTestId('node-sequence1')).toBeVisible();
  await expect(next.getByTestId('dirty-marker')).toBeVisible();
  await expect(next.getByTestId('notice-info')).toContainText('Restored unsaved changes to “Untitled”');
  expect(await serialize(next)).toBe(edited);

  // Closing the tab with the work still unsaved: the browser's own "Leave site?" prompt.
  await next.getByTestId('canvas').click({ position: { x: 600, y: 500 } });
  const dialog = new Promise<string>((resolve) =>
    next.once('dialog', (d) => {
      resolve(d.type());
      void d.dismiss();
    }),
  );
  await next.close({ runBeforeUnload: true });
  expect(await dialog).toBe('beforeunload');
});
