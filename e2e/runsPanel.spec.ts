// The Runs tab (issue 13), against the real `sluice serve`: a run started over REST shows up live
// beside the editor's own, filters narrow the list, Open puts a past run (its workflow as it ran, its
// states and counts) on the canvas, Compare shows two runs node by node, Run again runs one anew.
// Writes docs/screenshots/runs-panel.png and runs-compare.png.

import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import type { Workflow } from '../engine/model/workflow.js';
import { expect, test, type SluiceServerInfo } from './fixtures/server';

const shots = path.join(
  path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..'),
  'docs',
  'screenshots',
);

const node = (id: string, type: string, params: Record<string, unknown>, x: number) => ({
  id,
  type,
  params,
  position: { x, y: 0 },
});
const edge = (id: string, source: string, target: string) => ({
  id,
  source,
  sourcePort: 'out',
  target,
  targetPort: 'in',
});

const COUNTED: Workflow = {
  sluice: 1,
  name: 'Counted',
  nodes: [
    node('numbers', 'core.sequence', { from: 1, to: 20 }, 0),
    node('double', 'core.map', { code: 'x => x * 2' }, 280),
    node('print', 'core.log', {}, 560),
  ],
  edges: [edge('e1', 'numbers', 'double'), edge('e2', 'double', 'print')],
};

async function rest<T>(sluice: SluiceServerInfo, method: string, route: string, body?: unknown): Promise<T> {
  const res = await fetch(`${sluice.origin}/api/v1${route}`, {
    method,
    headers: {
      Authorization: `Bearer ${sluice.token}`,
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  expect(res.ok, `${method} ${route}: ${res.status}`).toBe(true);
  return (await res.json()) as T;
}

async function openFromWorkspace(page: Page, name: string): Promise<void> {
  await page.getByTestId('menu-file').click();
  await page.getByTestId('file-open').click();
  await page.getByTestId(`file-entry-${name}`).click();
  await expect(page.getByTestId('node-numbers')).toBeVisible();
}

const row = (page: Page, runId: string) => page.locator(`[data-testid="run-row"][data-run-id="${runId}"]`);

test.beforeEach(async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
});

test('runs from REST appear live in the Runs tab; open, compare and run again', async ({ page, sluice }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await writeFile(path.join(sluice.workspace, 'counted.sluice.json'), JSON.stringify(COUNTED, null, 2));
  await page.goto(sluice.url);
  await openFromWorkspace(page, 'counted.sluice.json');

  // A run from the editor: 20 numbers.
  await page.getByTestId('run-start').click();
  await expect(page.getByTestId('run-status')).toContainText('Completed', { timeout: 20_000 });
  await expect(page.getByTestId('edge-count-e2')).toHaveText('20');
  const editorRunId = await page.evaluate(() => window.__sluice!.runs.getState().run!.runId);

  await page.getByTestId('tab-runs').click();
  await expect(page.getByTestId('run-row')).toHaveCount(1);
  await expect(row(page, editorRunId).getByTestId('run-state')).toHaveText('Completed');
  await expect(row(page, editorRunId).getByTestId('run-tally')).toHaveText('3/3 completed');

  // A slow run started by a script through REST, with only 5 numbers: it shows up while it runs,
  // without anyone touching the page; opened then, the canvas follows it live to its end.
  const slow = await rest<{ id: string }>(sluice, 'POST', '/runs', {
    path: 'counted.sluice.json',
    params: { 'numbers.to': 5, 'numbers.intervalMs': 800 },
  });
  await expect(row(page, slow.id)).toHaveAttribute('data-status', 'running', { timeout: 10_000 });
  await expect(page.getByTestId('run-row')).toHaveCount(2);
  await expect(page.getByTestId('run-row').first()).toHaveAttribute('data-run-id', slow.id); // newest first
  await row(page, slow.id).getByTestId('run-open').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-run-status', 'running');
  await expect(page.getByTestId('node-status-numbers')).toHaveAttribute('data-status', 'running');
  await expect(row(page, slow.id)).toHaveClass(/shown/);
  // Its workflow as it ran (5 numbers); the file says 20, so it is open unsaved, and the page says why.
  await expect(page.getByTestId('notice-info')).toContainText('the file has changed since');
  await page.getByTestId('node-numbers').click();
  await expect(page.getByTestId('param-to')).toHaveValue('5');
  await expect(page.getByTestId('run-status')).toContainText('Completed', { timeout: 20_000 });
  await expect(page.getByTestId('edge-count-e2')).toHaveText('5');
  await expect(page.getByTestId('node-status-print')).toHaveAttribute('data-status', 'completed');
  await expect(row(page, slow.id)).toHaveAttribute('data-status', 'completed');

  // Filters: no failed runs; the last hour and "All workflows" keep both.
  await page.getByTestId('runs-status').selectOption('failed');
  await expect(page.getByTestId('runs-empty')).toBeVisible();
  await page.getByTestId('runs-status').selectOption('any');
  await page.getByTestId('runs-since').selectOption('hour');
  await expect(page.getByTestId('run-row')).toHaveCount(2);
  await page.getByTestId('runs-scope').selectOption('all');
  await expect(page.getByTestId('run-row')).toHaveCount(2);
  await page.screenshot({ path: path.join(shots, 'runs-panel.png') });

  // Compare the two: numbers sent 20 vs 5, and the workflow changed in numbers' `to` and interval.
  await row(page, editorRunId).getByTestId('run-pick').click();
  await row(page, slow.id).getByTestId('run-pick').click();
  await page.getByTestId('runs-compare').click();
  const numbers = page.locator('[data-testid="compare-row"][data-node-id="numbers"]');
  await expect(numbers).toHaveAttribute('data-differs', 'true');
  await expect(numbers).toContainText('0 in · 20 out');
  await expect(numbers).toContainText('0 in · 5 out');
  await expect(page.getByTestId('compare-change')).toHaveText([
    'node numbers: params.intervalMs, params.to changed',
  ]);
  await page.screenshot({ path: path.join(shots, 'runs-compare.png') });
  await page.getByTestId('compare-back').click();

  // Run again: the editor's run anew (20 numbers), a third row.
  await row(page, editorRunId).getByTestId('run-again').click();
  // The open document is the REST run's unsaved version: the usual prompt first.
  await page.getByTestId('unsaved-discard').click();
  // A run started here brings its Logs forward, as Run does.
  await expect(page.getByTestId('tab-logs')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('run-status')).toContainText('Completed', { timeout: 20_000 });
  await expect(page.getByTestId('edge-count-e2')).toHaveText('20');
  await page.getByTestId('tab-runs').click();
  await expect(page.getByTestId('run-row')).toHaveCount(3);
  const again = await page.evaluate(() => window.__sluice!.runs.getState().run!.runId);
  expect(again).not.toBe(editorRunId);
  await expect(row(page, again)).toHaveAttribute('data-status', 'completed');
  expect(errors).toEqual([]);
});
