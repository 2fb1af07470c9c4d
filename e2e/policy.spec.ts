// The inspector edits every field of a node's run policy (issue 9), as a person does: open a workflow,
// select a node, type into each field (found by its label), see a value the check refuses marked with
// the check's words, save with Ctrl+S, and find every field in the file. The run then honours the
// memory limit: that node gets a process of its own, and the canvas shows it `starting` before
// `running`.

import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Workflow } from '../engine/model/workflow.js';
import { expect, test } from './fixtures/server';
import { typeInto } from './fixtures/typing';

const at = (x: number) => ({ x, y: 0 });
const FLOW: Workflow = {
  sluice: 1,
  name: 'Policy',
  nodes: [
    { id: 'numbers', type: 'core.sequence', params: { from: 1, to: 20, intervalMs: 30 }, position: at(0) },
    { id: 'square', type: 'core.map', params: { code: 'x => x * x' }, position: at(300) },
    { id: 'print', type: 'core.log', params: {}, position: at(600) },
  ],
  edges: [
    { id: 'e1', source: 'numbers', sourcePort: 'out', target: 'square', targetPort: 'in' },
    { id: 'e2', source: 'square', sourcePort: 'out', target: 'print', targetPort: 'in' },
  ],
};

test.beforeEach(async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
});

test('every policy field is typed in the inspector, checked with the engine’s bounds and saved to the file', async ({
  page,
  sluice,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const file = path.join(sluice.workspace, 'policy.sluice.json');
  await writeFile(file, JSON.stringify(FLOW, null, 2));
  await page.goto(sluice.url);
  await page.getByTestId('welcome-open').click();
  await page.getByTestId('file-entry-policy.sluice.json').click();
  await expect(page.getByTestId('node-square')).toBeVisible();

  await page.getByTestId('node-square').click();
  await page.getByText('Run policy').click();
  // Each field is found by its label: the labels are tied to their inputs.
  const fields: Array<[string, string]> = [
    ['Retries', '2'],
    ['Retry backoff (ms)', '150'],
    ['Longest backoff (ms)', '900'],
    ['Timeout (ms)', '5000'],
  ];
  for (const [label, value] of fields) await typeInto(page, page.getByLabel(label, { exact: true }), value);

  // Below the engine's minimum: marked at once, with the check's words, and listed as a problem.
  const memory = page.getByLabel('Memory limit (MB)', { exact: true });
  await typeInto(page, memory, '16');
  await expect(page.getByTestId('policy-memory-limit-error')).toHaveText('must be at least 32 MB');
  await expect(memory).toHaveAttribute('aria-invalid', 'true');
  await typeInto(page, memory, '64');
  await expect(page.getByTestId('policy-memory-limit-error')).toHaveCount(0);

  await page.keyboard.press('ControlOrMeta+s');
  await expect(page.getByTestId('notice-info')).toContainText('Saved policy.sluice.json');
  const saved = JSON.parse(await readFile(file, 'utf8')) as Workflow;
  expect(saved.nodes.find((n) => n.id === 'square')?.policy).toEqual({
    retries: 2,
    retryBackoffMs: 150,
    retryBackoffMaxMs: 900,
    timeoutMs: 5000,
    memoryLimitMb: 64,
  });

  // Watch the status strips: every data-status the DOM shows for the square node.
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { __seen: string[] }).__seen = seen;
    const el = document.querySelector('[data-testid="node-status-square"]')!;
    new MutationObserver(() => {
      const s = el.getAttribute('data-status')!;
      if (seen.at(-1) !== s) seen.push(s);
    }).observe(el, { attributes: true, attributeFilter: ['data-status'] });
  });
  await page.getByTestId('run-start').click();
  await expect(page.getByTestId('run-status')).toContainText('Completed', { timeout: 20_000 });
  // Its memory cap is not the pool's: its own process is launched, and the node shows it starting.
  const seen = await page.evaluate(() => (window as unknown as { __seen: string[] }).__seen);
  expect(seen).toContain('starting');
  expect(seen.indexOf('starting')).toBeLessThan(seen.indexOf('running'));
  expect(errors).toEqual([]);
});
