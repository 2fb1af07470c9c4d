// UI events benchmark (issue 4): one node logs 10,000 lines a second for 10 s while the canvas is open
// in Chromium with the Logs tab showing and following, through the real `sluice serve`. Prints the
// page's frame intervals (requestAnimationFrame, p50/p95/max) during the run and the JS heap before,
// at its peak and after (after a forced GC).
// Usage: node bench/ui-events.mjs [seconds] [linesPerSecond] [logNodes]
// The runtime passes at most 2,000 log lines a second per node to the host (workerReporter.ts, after a
// burst of up to 2,000) and
// counts the rest in a "… N log lines dropped" line; with logNodes = 5 the values fan out to five
// logging nodes, so 10,000 lines a second really reach the editor.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { launchChromium, pct, startServer } from './lib/browserBench.mjs';

const SECONDS = Number(process.argv[2]) || 10;
const RATE = Number(process.argv[3]) || 10_000;
const LOG_NODES = Number(process.argv[4]) || 1;
const LINES = SECONDS * RATE;

// A sequence feeds a map that paces values to RATE a second (it waits for each value's due time,
// measured from its first value), into a core.log that writes every value as one log line.
const PACE = `(() => { let t0; return async (x, i) => {
  t0 ??= Date.now();
  const wait = t0 + (i * 1000) / ${RATE} - Date.now();
  if (wait > 1) await new Promise((r) => setTimeout(r, wait));
  return x;
}; })()`;
const workflow = {
  sluice: 1,
  name: 'Log flood',
  nodes: [
    { id: 'numbers', type: 'core.sequence', params: { from: 1, to: LINES }, position: { x: 0, y: 0 } },
    {
      id: 'pace',
      type: 'core.map',
      params: { code: PACE, outputType: 'number' },
      position: { x: 300, y: 0 },
    },
    ...Array.from({ length: LOG_NODES }, (_, k) => ({
      id: k === 0 ? 'flood' : `flood${k + 1}`,
      type: 'core.log',
      params: { maxLines: LINES },
      position: { x: 600, y: k * 140 },
    })),
  ],
  edges: [
    { id: 'e1', source: 'numbers', sourcePort: 'out', target: 'pace', targetPort: 'in' },
    ...Array.from({ length: LOG_NODES }, (_, k) => ({
      id: `e${k + 2}`,
      source: 'pace',
      sourcePort: 'out',
      target: k === 0 ? 'flood' : `flood${k + 1}`,
      targetPort: 'in',
    })),
  ],
};

const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

const workspace = await mkdtemp(path.join(os.tmpdir(), 'sluice-bench-ui-'));
const { child, url } = await startServer(workspace, randomBytes(24).toString('hex'));
const browser = await launchChromium();
try {
  await writeFile(path.join(workspace, 'flood.sluice.json'), JSON.stringify(workflow, null, 2) + '\n');
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const cdp = await page.context().newCDPSession(page);
  const heap = async (gc) => {
    if (gc) await cdp.send('HeapProfiler.collectGarbage');
    return (await cdp.send('Runtime.getHeapUsage')).usedSize;
  };
  await page.goto(url);
  await page.getByTestId('welcome-open').click();
  await page.getByTestId('file-entry-flood.sluice.json').click();
  await page.getByTestId('node-flood').waitFor();
  await page.keyboard.press('f');
  await page.getByTestId('tab-logs').click();
  await page.waitForTimeout(500);
  const heapBefore = await heap(true);

  await page.evaluate(() => {
    const w = window;
    w.__frames = [];
    w.__recording = true;
    let last = performance.now();
    const tick = (t) => {
      w.__frames.push(t - last);
      last = t;
      if (w.__recording) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  const t0 = Date.now();
  await page.getByTestId('run-start').click();
  let heapPeak = 0;
  const sampler = setInterval(() => {
    heap(false).then(
      (h) => (heapPeak = Math.max(heapPeak, h)),
      () => undefined,
    );
  }, 500);
  await page
    .getByTestId('run-status')
    .filter({ hasText: /Completed|Failed|Cancelled/ })
    .waitFor({ timeout: (SECONDS + 60) * 1000 });
  const runMs = Date.now() - t0;
  clearInterval(sampler);
  const frames = await page.evaluate(() => {
    window.__recording = false;
    return window.__frames.slice(2);
  });
  const status = await page.getByTestId('run-status').getAttribute('data-run-status');
  const ui = await page.evaluate(() => {
    const run = window.__sluice.runs.getState().run;
    return { kept: run.logs.length, dropped: run.droppedLogs, last: run.logs.at(-1)?.message };
  });
  await page.waitForTimeout(500);
  const heapAfter = await heap(true);
  const sorted = [...frames].sort((a, b) => a - b);
  console.log(
    `Log flood: ${LOG_NODES} logging node${LOG_NODES > 1 ? 's' : ''}, each ${LINES.toLocaleString('en-US')} lines at ${RATE.toLocaleString('en-US')}/s`,
  );
  console.log(`  run ${status} in ${(runMs / 1000).toFixed(1)} s`);
  console.log(
    `  editor: ${(ui.kept + ui.dropped).toLocaleString('en-US')} lines received (${Math.round((ui.kept + ui.dropped) / (runMs / 1000)).toLocaleString('en-US')}/s), ${ui.kept.toLocaleString('en-US')} kept (cap), last "${ui.last}"`,
  );
  console.log(
    `  frames: ${frames.length}, p50 ${pct(sorted, 50).toFixed(1)} ms, p95 ${pct(sorted, 95).toFixed(1)} ms, max ${sorted.at(-1).toFixed(1)} ms`,
  );
  console.log(`  JS heap: before ${mb(heapBefore)}, peak ${mb(heapPeak)}, after ${mb(heapAfter)} (after GC)`);
} finally {
  await browser.close();
  child.kill('SIGTERM');
  await rm(workspace, { recursive: true, force: true });
}
