// Descriptions render Markdown (issue 12): a user node type whose description has bold, code, a list,
// a link, a script and an image, loaded by the real `sluice serve` (SLUICE_NODES_DIR). The inspector
// shows the formatted text with neither the script nor the image; the link opens outside the editor's
// window, which stays where it was; the palette's tooltip is the plain text.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, startSluiceServer, stopSluiceServer, test } from './fixtures/server';

const description = [
  'Scales **every** number by `by`:',
  '',
  '- keeps the order',
  '- never drops a value',
  '',
  'See [the guide](https://example.org/guide). <script>window.__pwned = 1</script>',
  '<img src="x" onerror="window.__pwned = 2">',
].join('\n');

test('the inspector renders a node type’s Markdown description, safely', async ({ page }) => {
  const workspace = await mkdtemp(path.join(os.tmpdir(), 'sluice-e2e-md-'));
  const nodesDir = await mkdtemp(path.join(os.tmpdir(), 'sluice-e2e-md-nodes-'));
  await writeFile(
    path.join(nodesDir, 'scale.mjs'),
    `export default ${JSON.stringify({
      type: 'my.scale',
      title: 'Scale',
      category: 'Transform',
      description,
      inputs: [{ name: 'in', type: 'number' }],
      outputs: [{ name: 'out', type: 'number' }],
      params: [{ key: 'by', kind: 'number', label: 'Factor', description: 'The **factor**', default: 2 }],
    }).slice(0, -1)}, async run() {} };\n`,
  );
  const { child, info } = await startSluiceServer(workspace, 'markdown-test-token-0123456789abcd', [], {
    env: { SLUICE_NODES_DIR: nodesDir },
  });
  try {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(info.url);
    await page.getByTestId('welcome-new').click();
    const item = page.getByTestId('palette-item-my.scale');
    await expect(item).toHaveAttribute(
      'title',
      /^Scales every number by by:\n\n• keeps the order\n• never drops a value\n\nSee the guide\.\s*\nDrag onto the canvas/,
    );
    await expect(item).not.toHaveAttribute('title', /pwned|<|\*\*/);
    await item.dragTo(page.getByTestId('canvas'), { targetPosition: { x: 300, y: 200 } });
    await page.getByTestId('node-scale1').click();

    const desc = page.getByTestId('inspector-desc');
    await expect(desc.locator('strong')).toHaveText('every');
    await expect(desc.locator('code')).toHaveText('by');
    await expect(desc.locator('li')).toHaveText(['keeps the order', 'never drops a value']);
    const link = desc.getByRole('link', { name: 'the guide' });
    await expect(link).toHaveAttribute('href', 'https://example.org/guide');
    await expect(link).toHaveAttribute('target', '_blank');
    await expect(desc.locator('script, img')).toHaveCount(0);
    await expect(desc).not.toContainText('pwned');
    // The parameter's help is Markdown too.
    await expect(page.getByTestId('inspector-node').locator('.field-help strong')).toHaveText('factor');

    // A click on the link opens it apart; the editor stays on its page, with its document.
    const before = page.url();
    const popup = page.waitForEvent('popup');
    await link.click();
    await (await popup).close();
    expect(page.url()).toBe(before);
    await expect(page.getByTestId('node-scale1')).toBeVisible();
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(errors).toEqual([]);
  } finally {
    await stopSluiceServer(child);
    await rm(workspace, { recursive: true, force: true });
    await rm(nodesDir, { recursive: true, force: true });
  }
});
