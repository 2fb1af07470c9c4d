// The canvas editor's Done-when scenario (issue 3), against the real `sluice serve`: build a 5-node
// workflow by dragging from the palette, connect it, see an incompatible connection refused with its
// reason, edit a parameter in Monaco, undo/redo across those steps, save, reload, open, same graph.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { drawWire, handle } from './fixtures/canvas';
import { monaco, monacoText, typeInMonaco, typeInto } from './fixtures/typing';
import { expect, test } from './fixtures/server';

const serialize = (page: Page) => page.evaluate(() => window.__sluice!.serialize());
const nodeIds = (page: Page) => page.evaluate(() => window.__sluice!.doc().nodes.map((n) => n.id));
const edgeCount = (page: Page) => page.evaluate(() => window.__sluice!.doc().edges.length);

test('build, connect, edit in Monaco, undo/redo, save, reload and open the same graph', async ({
  page,
  sluice,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(sluice.url);
  await page.getByTestId('welcome-new').click();
  await expect(page.getByTestId('palette-item-core.sequence')).toBeVisible();

  // 1. Five nodes dragged from the palette onto the canvas.
  const canvas = page.getByTestId('canvas');
  const drops: Array<[string, number, number]> = [
    ['core.sequence', 150, 120],
    ['core.filter', 450, 120],
    ['core.map', 750, 120],
    ['core.log', 750, 330],
    ['table.sort', 450, 330],
  ];
  const history: string[] = [await serialize(page)];
  for (const [type, x, y] of drops) {
    await page.getByTestId(`palette-item-${type}`).dragTo(canvas, { targetPosition: { x, y } });
    history.push(await serialize(page));
  }
  expect(await nodeIds(page)).toEqual(['sequence1', 'filter1', 'map1', 'log1', 'sort1']);
  await expect(page.locator('.react-flow__node')).toHaveCount(5);

  // 2. Connect them.
  await drawWire(page, handle(page, 'sequence1', 'source', 'out'), handle(page, 'filter1', 'target', 'in'));
  history.push(await serialize(page));
  await drawWire(page, handle(page, 'filter1', 'source', 'out'), handle(page, 'map1', 'target', 'in'));
  history.push(await serialize(page));
  await drawWire(page, handle(page, 'map1', 'source', 'out'), handle(page, 'log1', 'target', 'in'));
  history.push(await serialize(page));
  expect(await edgeCount(page)).toBe(3);
  await expect(page.locator('.react-flow__edge')).toHaveCount(3);
  // The generic filter resolved its type from the sequence: its output port now says number.
  await expect(
    page.locator('.react-flow__node[data-id="filter1"] [data-testid="port-out-out"] .port-type'),
  ).toHaveText('number');

  // 3. An incompatible connection is refused while dragging, with its reason shown.
  await drawWire(
    page,
    handle(page, 'sequence1', 'source', 'out'),
    handle(page, 'sort1', 'target', 'table'),
    async () => {
      await expect(page.getByTestId('connection-refusal')).toHaveText('number does not fit table');
    },
  );
  await expect(page.getByTestId('connection-refusal')).toHaveCount(0);
  expect(await edgeCount(page)).toBe(3);

  // 4. Edit the filter's code in Monaco.
  await page.locator('.react-flow__node[data-id="filter1"] .flow-node-header').click();
  await expect(page.getByTestId('inspector-node')).toHaveAttribute('data-node-id', 'filter1');
  const editor = monaco(page, 'code');
  await expect(editor).toBeVisible({ timeout: 20_000 });
  await typeInMonaco(page, editor, 'x => x % 2 === 0');
  await expect.poll(() => monacoText(editor)).toBe('x => x % 2 === 0');
  await expect
    .poll(() =>
      page.evaluate(() => window.__sluice!.doc().nodes.find((n) => n.id === 'filter1')!.params.code),
    )
    .toBe('x => x % 2 === 0');
  await canvas.click({ position: { x: 300, y: 600 } }); // leave the editor: ends the typing step
  history.push(await serialize(page));

  // 5. Undo every step, then redo every step.
  await expect(page.getByTestId('dirty-marker')).toBeVisible();
  for (let i = history.length - 2; i >= 0; i--) {
    await page.keyboard.press('ControlOrMeta+z');
    expect(await serialize(page)).toBe(history[i]);
  }
  await expect(page.locator('.react-flow__node')).toHaveCount(0);
  for (let i = 1; i < history.length; i++) {
    await page.keyboard.press(i % 2 ? 'ControlOrMeta+Shift+z' : 'ControlOrMeta+y');
    expect(await serialize(page)).toBe(history[i]);
  }
  await expect(page.locator('.react-flow__node')).toHaveCount(5);

  // 6. Save (Ctrl+S asks for a name the first time; the untitled workflow takes the file's name).
  await page.keyboard.press('ControlOrMeta+s');
  await typeInto(page, page.getByTestId('save-as-name'), 'numbers.sluice.json');
  await page.getByTestId('save-as-confirm').click();
  await expect(page.getByTestId('dirty-marker')).toHaveCount(0);
  await expect(page.getByTestId('doc-title')).toContainText('numbers');
  const onDisk = await readFile(path.join(sluice.workspace, 'numbers.sluice.json'), 'utf8');
  const final = await serialize(page);
  expect(onDisk).toBe(final);
  // The same graph as the last redo step; only the name changed, from "Untitled" to the file's.
  expect(final).toBe(history.at(-1)!.replace('"name": "Untitled"', '"name": "numbers"'));

  // 7. Reload, open the file from the workspace: the same graph, byte for byte.
  await page.reload();
  await page.getByTestId('welcome-open').click();
  await page.getByTestId('file-entry-numbers.sluice.json').click();
  await expect(page.locator('.react-flow__node')).toHaveCount(5);
  await expect(page.locator('.react-flow__edge')).toHaveCount(3);
  expect(await serialize(page)).toBe(final);
  expect(await page.evaluate(() => window.__sluice!.isDirty())).toBe(false);
  // Open → save without edits gives identical bytes.
  await page.keyboard.press('ControlOrMeta+s');
  await expect(page.getByTestId('notice-info')).toContainText('Saved numbers.sluice.json');
  expect(await readFile(path.join(sluice.workspace, 'numbers.sluice.json'), 'utf8')).toBe(final);
  expect(errors).toEqual([]);
});

test('pasting malformed text is refused with a message and the graph stays as it was', async ({
  page,
  sluice,
}) => {
  await page.goto(sluice.url);
  await page.getByTestId('example-Numbers pipeline').click();
  await expect(page.locator('.react-flow__node').first()).toBeVisible();
  const before = await serialize(page);
  await page.getByTestId('canvas').click({ position: { x: 30, y: 30 } });
  await page.evaluate(() => {
    const data = new DataTransfer();
    data.setData('text/plain', '{"sluice": 1, "nodes": [');
    document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
  });
  await expect(page.getByTestId('notice-error')).toContainText(
    'Cannot paste: the clipboard does not hold a Sluice workflow',
  );
  expect(await serialize(page)).toBe(before);
});

/** React Flow's viewport transform: [x, y, zoom]. */
async function viewport(page: Page): Promise<[number, number, number]> {
  return page.locator('.react-flow__viewport').evaluate((el) => {
    const m = new DOMMatrix(getComputedStyle(el).transform);
    return [m.e, m.f, m.a] as [number, number, number];
  });
}

test('the minimap moves the view where it is clicked and dragged, and zooms with the wheel', async ({
  page,
  sluice,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(sluice.url);
  await page.getByTestId('example-Fan-out and merge').click();
  await expect(page.locator('.react-flow__node').first()).toBeVisible();
  const map = page.getByTestId('minimap');
  await expect(map).toBeVisible();
  const box = (await map.boundingBox())!;
  const before = await viewport(page);

  // A click near the minimap's left edge centres the view on the left of the graph: the view
  // moves right (its x grows); the zoom stays.
  await page.mouse.click(box.x + 12, box.y + box.height / 2);
  await expect.poll(async () => (await viewport(page))[0]).toBeGreaterThan(before[0] + 50);
  const clicked = await viewport(page);
  expect(clicked[2]).toBeCloseTo(before[2], 5);

  // Dragging to the right edge moves the view the other way.
  await page.mouse.move(box.x + 12, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width - 12, box.y + box.height / 2, { steps: 6 });
  await page.mouse.up();
  await expect.poll(async () => (await viewport(page))[0]).toBeLessThan(clicked[0] - 100);

  // Scrolling up over the minimap zooms in; the page itself does not scroll.
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const zoomBefore = (await viewport(page))[2];
  await page.mouse.wheel(0, -300);
  await expect.poll(async () => (await viewport(page))[2]).toBeGreaterThan(zoomBefore * 1.2);
  expect(await page.evaluate(() => document.scrollingElement?.scrollTop ?? 0)).toBe(0);
});

test('screenshots of the editor in light and dark themes', async ({ page, sluice }) => {
  await page.setViewportSize({ width: 1440, height: 860 });
  await page.goto(sluice.url);
  await page.getByTestId('example-Fan-out and merge').click();
  await expect(page.locator('.react-flow__node').first()).toBeVisible();
  await page.keyboard.press('f');
  const first = page.locator('.react-flow__node').nth(1);
  await first.locator('.flow-node-header').click();
  await expect(page.getByTestId('param-code').locator('.monaco-editor')).toBeVisible({ timeout: 20_000 });
  await page.mouse.move(5, 300);
  await page.waitForTimeout(400);
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await expect(page.locator('html')).toHaveAttribute('data-theme', scheme);
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join('docs', 'screenshots', `editor-${scheme}.png`) });
  }
});
