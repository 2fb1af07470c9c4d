// Live runs on the canvas (issue 4), against the real `sluice serve`, acting as a person: open an
// example and run it (statuses, edge counts, logs), a workflow whose node throws (failure on the
// node and in the Errors tab), and Stop on a long run (every node cancelled within 2 s, no node
// process left behind). Also writes docs/screenshots/run-progress.png and run-failed.png.

import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import type { Workflow } from '../engine/model/workflow.js';
import { expect, startSluiceServer, stopSluiceServer, test } from './fixtures/server';
import { typeInto } from './fixtures/typing';
import type {} from '../renderer/src/testApi.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shots = path.join(root, 'docs', 'screenshots');

/** Worker processes (dist/engine/worker.js) whose parent is the server process. */
function workerPids(serverPid: number): number[] {
  const out = execFileSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8' });
  return out.split('\n').flatMap((line) => {
    const m = /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line);
    // An idle worker shows its entry; an assigned one its title, `sluice <runId> <nodeId>` (issue 9).
    const worker = m && (m[3]!.includes('worker.js') || m[3]!.startsWith('sluice '));
    return m && worker && Number(m[2]) === serverPid ? [Number(m[1])] : [];
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const timelines = (page: Page) =>
  page.evaluate(() => {
    const run = window.__sluice!.runs.getState().run;
    return Object.fromEntries(Object.entries(run?.nodes ?? {}).map(([id, n]) => [id, [...n.timeline]]));
  });

async function openFromWorkspace(page: Page, name: string): Promise<void> {
  await page.getByTestId('menu-file').click();
  await page.getByTestId('file-open').click();
  await page.getByTestId(`file-entry-${name}`).click();
  await expect(page.getByTestId('canvas')).toBeVisible();
}

function node(id: string, type: string, params: Record<string, unknown>, x: number, y = 0) {
  return { id, type, params, position: { x, y } };
}
function edge(id: string, source: string, target: string) {
  return { id, source, sourcePort: 'out', target, targetPort: 'in' };
}

const FAILING: Workflow = {
  sluice: 1,
  name: 'Failing map',
  nodes: [
    node('numbers', 'core.sequence', { from: 1, to: 40, intervalMs: 20 }, 0),
    node(
      'check',
      'core.map',
      { code: "x => { if (x === 5) throw new Error('bad value 5'); return x; }" },
      280,
    ),
    node('print', 'core.log', {}, 560),
  ],
  edges: [edge('e1', 'numbers', 'check'), edge('e2', 'check', 'print')],
};

// A source far faster than its slowest consumer: the channel into the delay fills (back-pressure).
const LONG: Workflow = {
  sluice: 1,
  name: 'Long run',
  nodes: [
    node('ticks', 'core.sequence', { from: 1, to: 1000000, intervalMs: 5 }, 0, 110),
    node('square', 'core.map', { code: 'x => x * x', outputType: 'number' }, 300, 110),
    node('slow', 'core.delay', { ms: 100 }, 600, 0),
    node('print', 'core.log', {}, 900, 0),
    node('even', 'core.filter', { code: 'x => x % 2 === 0' }, 600, 220),
    node('all', 'core.collect', {}, 900, 220),
  ],
  edges: [
    edge('e1', 'ticks', 'square'),
    { ...edge('e2', 'square', 'slow'), capacity: 64 },
    edge('e3', 'slow', 'print'),
    edge('e4', 'square', 'even'),
    edge('e5', 'even', 'all'),
  ],
};
const LONG_NODES = ['ticks', 'square', 'slow', 'print', 'even', 'all'];

test.beforeEach(async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
});

test('open an example, press Run: nodes go pending → starting → running → completed, counts on edges, logs stream', async ({
  page,
  sluice,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(sluice.url);
  await page.getByTestId('example-Numbers pipeline').click();
  await expect(page.getByTestId('node-numbers')).toBeVisible();
  await expect(page.getByTestId('run-status')).toContainText('No run yet');

  // Slow the source down (one number every 120 ms) so the run can be watched.
  await page.getByTestId('node-numbers').click();
  await typeInto(page, page.getByTestId('param-intervalMs'), '120');
  await page.getByTestId('param-intervalMs').blur();

  // Watch the status strips as a person would: every data-status the DOM shows, per node.
  await page.evaluate(() => {
    const seen: Record<string, string[]> = {};
    (window as unknown as { __seen: typeof seen }).__seen = seen;
    const record = (el: Element) => {
      const id = el.getAttribute('data-testid')!.slice('node-status-'.length);
      const s = el.getAttribute('data-status')!;
      const list = (seen[id] ??= []);
      if (list.at(-1) !== s) list.push(s);
    };
    document.querySelectorAll('[data-testid^="node-status-"]').forEach(record);
    new MutationObserver((records) => records.forEach((r) => record(r.target as Element))).observe(
      document.body,
      { subtree: true, attributes: true, attributeFilter: ['data-status'] },
    );
  });

  await page.getByTestId('run-start').click();
  await expect(page.getByTestId('run-status')).toContainText('Running');
  await expect(page.getByTestId('node-status-numbers')).toHaveAttribute('data-status', 'running');
  // Counts appear on the edges while the run goes on, and log lines stream into the Logs tab.
  await expect(page.getByTestId('edge-count-e1')).toBeVisible();
  await expect(page.getByTestId('tab-logs')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('log-line').first()).toBeVisible();
  await expect(page.getByTestId('node-progress-numbers')).toBeVisible();
  await expect(page.getByTestId('node-elapsed-numbers')).toBeVisible();
  const streaming = await page.getByTestId('log-line').count();
  expect(await page.getByTestId('run-status').getAttribute('data-run-status')).toBe('running');

  await expect(page.getByTestId('run-status')).toContainText('Completed', { timeout: 20_000 });
  for (const id of ['numbers', 'square', 'even', 'print']) {
    await expect(page.getByTestId(`node-status-${id}`)).toHaveAttribute('data-status', 'completed');
  }
  // Every node went pending → starting → running → completed (the run slice keeps each node's path).
  const path4 = ['pending', 'starting', 'running', 'completed'];
  expect(await timelines(page)).toEqual({ numbers: path4, square: path4, even: path4, print: path4 });
  // …and the page showed the running and completed states (pending may last less than one frame).
  const seen = await page.evaluate(() => (window as unknown as { __seen: Record<string, string[]> }).__seen);
  for (const id of ['numbers', 'square', 'even', 'print']) {
    expect(seen[id]).toEqual(expect.arrayContaining(['idle', 'running', 'completed']));
    expect(seen[id]!.indexOf('running')).toBeLessThan(seen[id]!.indexOf('completed'));
  }
  // 20 numbers, 20 squares, 10 even squares.
  await expect(page.getByTestId('edge-count-e1')).toHaveText('20');
  await expect(page.getByTestId('edge-count-e2')).toHaveText('20');
  await expect(page.getByTestId('edge-count-e3')).toHaveText('10');
  await expect(page.getByTestId('logs')).toContainText('400');
  await expect(page.getByTestId('logs')).toContainText('10 values');
  expect(await page.getByTestId('log-line').count()).toBeGreaterThanOrEqual(streaming);
  await expect(page.getByTestId('run-elapsed')).toHaveText(/\d/);
  await expect(page.getByTestId('run-status')).toContainText('4/4 nodes completed');

  // The filters: only the print node's lines, then only warnings and errors (none).
  await page.getByTestId('logs-node-filter').selectOption('print');
  await expect(page.getByTestId('logs-count')).toHaveText('11 lines');
  await page.getByTestId('logs-level-filter').selectOption('warn');
  await expect(page.getByTestId('logs-count')).toHaveText('0 lines');
  expect(errors).toEqual([]);
});

test('a node that throws shows the failure on the node and its message in the Errors tab', async ({
  page,
  sluice,
}) => {
  await writeFile(path.join(sluice.workspace, 'failing.sluice.json'), JSON.stringify(FAILING, null, 2));
  await page.goto(sluice.url);
  await page.getByTestId('welcome-open').click();
  await page.getByTestId('file-entry-failing.sluice.json').click();
  await expect(page.getByTestId('node-check')).toBeVisible();

  await page.keyboard.press('F5');
  await expect(page.getByTestId('run-status')).toContainText('Failed', { timeout: 20_000 });
  await expect(page.getByTestId('node-status-check')).toHaveAttribute('data-status', 'failed');
  await expect(page.getByTestId('node-error-check')).toBeVisible();
  await expect(page.getByTestId('node-error-check')).toHaveAttribute('title', /bad value 5/);
  // The default policy stops the others: none of them is left running.
  for (const id of ['numbers', 'print'])
    await expect(page.getByTestId(`node-status-${id}`)).not.toHaveAttribute('data-status', /running|pending/);

  await expect(page.getByTestId('tab-errors')).toContainText(/[1-9]/);
  await page.getByTestId('tab-errors').click();
  const error = page.getByTestId('run-error').filter({ hasText: 'bad value 5' }).first();
  await expect(error).toBeVisible();
  await expect(error).toHaveAttribute('data-node-id', 'check');
  await page.getByTestId('node-print').click(); // select something else first
  await error.click();
  await expect(page.getByTestId('inspector-node')).toHaveAttribute('data-node-id', 'check');
  // The stack is one click away.
  await error.locator('summary').click();
  await expect(error.locator('pre')).toContainText('bad value 5');
  await expect(page.getByTestId('param-code').locator('.monaco-editor')).toBeVisible({ timeout: 20_000 });
  await page.mouse.move(5, 5);
  await page.screenshot({ path: path.join(shots, 'run-failed.png') });
});

test('Run is refused while the graph has errors, with the problems shown', async ({ page, sluice }) => {
  const broken = { ...FAILING, name: 'Broken', edges: [edge('e2', 'check', 'print')] };
  await writeFile(path.join(sluice.workspace, 'broken.sluice.json'), JSON.stringify(broken, null, 2));
  await page.goto(sluice.url);
  await openFromWorkspace(page, 'broken.sluice.json');
  await page.getByTestId('tab-logs').click();
  await page.getByTestId('run-start').click();
  await expect(page.getByTestId('tab-problems')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('problem').first()).toBeVisible();
  await expect(page.getByTestId('run-status')).toContainText('No run yet');
});

test('the Logs tab follows new lines; scrolling up stops following, the Follow box resumes it', async ({
  page,
}) => {
  const workspace = await mkdtemp(path.join(os.tmpdir(), 'sluice-e2e-follow-'));
  const { child, info } = await startSluiceServer(workspace, 'follow-test-token-0123456789abcdef');
  const chatty: Workflow = {
    sluice: 1,
    name: 'Chatty',
    nodes: [
      node('ticks', 'core.sequence', { from: 1, to: 100000, intervalMs: 4 }, 0),
      node('print', 'core.log', { maxLines: 100000 }, 300),
    ],
    edges: [edge('e1', 'ticks', 'print')],
  };
  try {
    await writeFile(path.join(workspace, 'chatty.sluice.json'), JSON.stringify(chatty, null, 2));
    await page.goto(info.url);
    await openFromWorkspace(page, 'chatty.sluice.json');
    await page.getByTestId('run-start').click();
    const logs = page.getByTestId('logs');
    const lineCount = async () =>
      Number((await page.getByTestId('logs-count').textContent())!.split(' ')[0]!.replace(/,/g, ''));
    const gapBelow = () => logs.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight);
    await expect.poll(lineCount, { timeout: 10_000 }).toBeGreaterThan(100);

    // Following: as lines arrive the view keeps moving down to the newest (it catches up each frame).
    await expect(page.getByTestId('logs-follow')).toBeChecked();
    const followTop = await logs.evaluate((el) => el.scrollTop);
    await expect.poll(gapBelow).toBeLessThan(22);
    await expect.poll(() => logs.evaluate((el) => el.scrollTop)).toBeGreaterThan(followTop + 200);
    await expect(page.getByTestId('logs-follow')).toBeChecked();

    // Scrolling up with the wheel stops following; new lines no longer move the view.
    await logs.hover();
    await page.mouse.wheel(0, -2000);
    await expect(page.getByTestId('logs-follow')).not.toBeChecked();
    const top = await logs.evaluate((el) => el.scrollTop);
    const before = await lineCount();
    await expect.poll(lineCount).toBeGreaterThan(before + 50);
    expect(await logs.evaluate((el) => el.scrollTop)).toBe(top);
    expect(await gapBelow()).toBeGreaterThan(500);

    // Ticking Follow again jumps to the end and keeps up.
    await page.getByTestId('logs-follow').check();
    await expect.poll(gapBelow).toBeLessThan(22);
    const again = await lineCount();
    await expect.poll(lineCount).toBeGreaterThan(again + 50);
    await expect.poll(gapBelow).toBeLessThan(22);
    await expect(page.getByTestId('logs-follow')).toBeChecked();
    await page.getByTestId('run-stop').click();
    await expect(page.getByTestId('run-status')).toContainText('Cancelled');
  } finally {
    await stopSluiceServer(child);
    await rm(workspace, { recursive: true, force: true });
  }
});

test('Stop stops the source at once, drains what is in flight, and leaves no node process behind', async ({
  page,
}) => {
  const workspace = await mkdtemp(path.join(os.tmpdir(), 'sluice-e2e-stop-'));
  const { child, info } = await startSluiceServer(workspace, 'stop-test-token-0123456789abcdef');
  try {
    await writeFile(path.join(workspace, 'long.sluice.json'), JSON.stringify(LONG, null, 2));
    const serverPid = child.pid!;
    await page.goto(info.url);

    // A first, short run makes the host start its pool of idle node processes (hostService usePool).
    await page.getByTestId('example-Numbers pipeline').click();
    await page.getByTestId('run-start').click();
    await expect(page.getByTestId('run-status')).toContainText('Completed', { timeout: 20_000 });
    await expect.poll(() => workerPids(serverPid).length, { timeout: 10_000 }).toBeGreaterThan(0);
    await page.waitForTimeout(1_000); // the pool refills 500 ms after workers are taken
    const idleBefore = workerPids(serverPid);

    await openFromWorkspace(page, 'long.sluice.json');
    await page.getByTestId('fit-view').click();
    await page.waitForTimeout(400);
    await page.getByTestId('run-start').click();
    for (const id of LONG_NODES)
      await expect(page.getByTestId(`node-status-${id}`)).toHaveAttribute('data-status', 'running');
    // Back-pressure: the delay takes 10 values a second, the sequence offers 200; the edge into the
    // delay is drawn full.
    await expect(page.getByTestId('edge-count-e2')).toHaveAttribute('data-full', 'true', { timeout: 10_000 });
    await expect(page.locator('.react-flow__edge[data-id="e2"] .react-flow__edge-path')).toHaveClass(
      /edge-full/,
    );
    await page.waitForTimeout(1_500);
    const during = workerPids(serverPid);
    // The run's six node processes (two of them taken from the idle pool) are among these.
    expect(during.length).toBeGreaterThanOrEqual(LONG_NODES.length);
    await page.mouse.move(5, 5);
    await page.screenshot({ path: path.join(shots, 'run-progress.png') });

    const stopAt = Date.now();
    await page.getByTestId('run-stop').click();
    // Stop drains (issue 9, Broadway): the source stops at once, the values already in flight go
    // through, and whatever is still busy after the drain grace (10 s) is stopped hard.
    await expect(page.getByTestId('node-status-ticks')).toHaveAttribute(
      'data-status',
      /completed|cancelled/,
      {
        timeout: 2_000,
      },
    );
    for (const id of LONG_NODES)
      await expect(page.getByTestId(`node-status-${id}`)).toHaveAttribute(
        'data-status',
        /^(completed|cancelled)$/,
        { timeout: 14_000 },
      );
    expect(Date.now() - stopAt).toBeLessThan(14_000);
    await expect(page.getByTestId('run-status')).toContainText('Cancelled');

    // No process of the run is left: the workers the run took from the pool are gone, and what is
    // left is the refilled idle pool, as many as before the run.
    await expect.poll(() => idleBefore.filter(alive), { timeout: 5_000 }).toEqual([]);
    await page.waitForTimeout(1_000);
    await expect.poll(() => workerPids(serverPid).length, { timeout: 5_000 }).toBe(idleBefore.length);
  } finally {
    await stopSluiceServer(child);
    await rm(workspace, { recursive: true, force: true });
  }
});
