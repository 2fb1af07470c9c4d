// Stop drains, Abort kills (issue 9), as a person uses them against the real `sluice serve`: a node
// busy for a minute per value holds Stop's drain; while it drains the toolbar offers Abort in Stop's
// place, and Abort ends the run cancelled at once with no node process left. Shift+F5 pressed again
// while stopping does the same, as a second Ctrl-C does in a terminal.

import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { Workflow } from '../engine/model/workflow.js';
import { expect, test } from './fixtures/server';

const at = (x: number) => ({ x, y: 0 });
const BUSY: Workflow = {
  sluice: 1,
  name: 'Busy',
  nodes: [
    { id: 'drip', type: 'core.sequence', params: { from: 1, to: 100000, intervalMs: 5 }, position: at(0) },
    // Deaf to its signal: only a kill ends it before its minute is up.
    {
      id: 'hog',
      type: 'core.map',
      params: { code: 'x => { const end = Date.now() + 60000; while (Date.now() < end); return x; }' },
      position: at(300),
    },
    { id: 'tail', type: 'core.log', params: {}, position: at(600) },
  ],
  edges: [
    { id: 'e1', source: 'drip', sourcePort: 'out', target: 'hog', targetPort: 'in' },
    { id: 'e2', source: 'hog', sourcePort: 'out', target: 'tail', targetPort: 'in' },
  ],
};

/** This spec's node processes, by their title `sluice <runId> <nodeId>` (node ids no other spec uses). */
function runProcesses(): string[] {
  const out = execFileSync('ps', ['-eo', 'args='], { encoding: 'utf8' });
  return out.split('\n').filter((args) => /^sluice \S+ (drip|hog|tail)$/.test(args.trim()));
}

async function startBusyRun(page: Page): Promise<void> {
  await page.getByTestId('run-start').click();
  await expect(page.getByTestId('node-status-hog')).toHaveAttribute('data-status', 'running', {
    timeout: 20_000,
  });
  await expect.poll(() => runProcesses().length, { timeout: 10_000 }).toBeGreaterThan(0);
}

async function expectAborted(page: Page, since: number): Promise<void> {
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-run-status', 'cancelled', {
    timeout: 3_000,
  });
  expect(Date.now() - since).toBeLessThan(3_000);
  await expect(page.getByTestId('node-status-hog')).toHaveAttribute('data-status', 'cancelled');
  await expect.poll(() => runProcesses(), { timeout: 2_000 }).toEqual([]);
  await expect(page.getByTestId('run-stop')).toHaveText('Stop');
}

test.beforeEach(async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
});

test('while Stop drains, the toolbar offers Abort; Abort (or Shift+F5 again) kills every node at once', async ({
  page,
  sluice,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await writeFile(path.join(sluice.workspace, 'busy.sluice.json'), JSON.stringify(BUSY, null, 2));
  await page.goto(sluice.url);
  await page.getByTestId('welcome-open').click();
  await page.getByTestId('file-entry-busy.sluice.json').click();
  await expect(page.getByTestId('node-hog')).toBeVisible();

  // 1. Stop, then Abort on the toolbar.
  await startBusyRun(page);
  await page.getByTestId('run-stop').click();
  const abort = page.getByTestId('run-abort');
  await expect(abort).toHaveText('Abort');
  await expect(page.getByTestId('run-status')).toContainText('Stopping…');
  // The drain waits for the busy node (its grace is 10 s): the source has ended, the run has not.
  await expect(page.getByTestId('node-status-drip')).toHaveAttribute('data-status', 'cancelled');
  await page.waitForTimeout(1_000);
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-run-status', 'running');
  expect(runProcesses().length).toBeGreaterThan(0);
  const clicked = Date.now();
  await abort.click();
  await expectAborted(page, clicked);

  // 2. Shift+F5 stops; Shift+F5 again while it drains aborts.
  await page.getByTestId('canvas').click({ position: { x: 700, y: 500 } });
  await startBusyRun(page);
  await page.keyboard.press('Shift+F5');
  await expect(page.getByTestId('run-abort')).toBeVisible();
  await page.waitForTimeout(500);
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-run-status', 'running');
  const pressed = Date.now();
  await page.keyboard.press('Shift+F5');
  await expectAborted(page, pressed);
  expect(errors).toEqual([]);
});
