// Canvas benchmark (issue 3): load time of a generated 1,000-node / 1,500-edge workflow, and frame
// intervals (requestAnimationFrame, p50/p95/max) while panning and zooming at 100 % and at fit view,
// with and without 10 % of the nodes changing status 30 times a second; for 300, 1,000 and 3,000 nodes.
// Runs the real `sluice serve` and Debian's Chromium (headless). Usage: node bench/canvas.mjs [sizes…]
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { launchChromium, pct, startServer } from './lib/browserBench.mjs';

const sizes = process.argv.slice(2).map(Number).filter(Boolean);
const SIZES = sizes.length ? sizes : [300, 1000, 3000];

/** N nodes on a grid (70 % core.map, 30 % core.log with multi inputs), 1.5 N edges, all type-correct. */
export function generateWorkflow(n) {
  const cols = Math.ceil(Math.sqrt(n * 1.6));
  const nodes = [];
  for (let i = 0; i < n; i++) {
    const kind = i === 0 ? 'core.sequence' : i % 10 < 7 ? 'core.map' : 'core.log';
    const params = kind === 'core.map' ? { code: 'x => x' } : {};
    nodes.push({
      id: `n${i}`,
      type: kind,
      params,
      position: { x: (i % cols) * 300, y: Math.floor(i / cols) * 160 },
    });
  }
  const outputs = nodes.filter((x) => x.type !== 'core.log');
  const edges = [];
  let e = 0;
  // Every map takes one edge from an earlier node with an output.
  for (let i = 1; i < n; i++) {
    if (nodes[i].type !== 'core.map') continue;
    const src =
      outputs[
        Math.floor(
          (i * 7919) %
            Math.max(
              1,
              outputs.findIndex((x) => x.id === nodes[i].id),
            ),
        )
      ] ?? outputs[0];
    edges.push({ id: `e${++e}`, source: src.id, sourcePort: 'out', target: nodes[i].id, targetPort: 'in' });
  }
  // The rest go into the logs (multi inputs) until there are 1.5 N edges.
  const logs = nodes.filter((x) => x.type === 'core.log');
  let k = 0;
  while (edges.length < Math.round(n * 1.5) && logs.length) {
    const log = logs[k % logs.length];
    const src = outputs[(k * 31) % outputs.length];
    if (!edges.some((x) => x.source === src.id && x.target === log.id)) {
      edges.push({ id: `e${++e}`, source: src.id, sourcePort: 'out', target: log.id, targetPort: 'in' });
    }
    k++;
  }
  return { sluice: 1, name: `Generated ${n}`, nodes, edges };
}

/** Records rAF intervals in the page while `act` runs; optionally flips statuses of 10 % of nodes at 30 Hz. */
async function measure(page, act, withStatus) {
  await page.evaluate((withStatus) => {
    const w = window;
    w.__frames = [];
    let last = performance.now();
    w.__recording = true;
    const tick = (t) => {
      w.__frames.push(t - last);
      last = t;
      if (w.__recording) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    if (withStatus) {
      const ids = w.__sluice.doc().nodes.map((n) => n.id);
      let flip = 0;
      w.__statusTimer = setInterval(() => {
        const updates = {};
        flip++;
        for (let i = 0; i < ids.length / 10; i++) {
          updates[ids[(i * 10 + flip) % ids.length]] = flip % 2 ? 'running' : 'completed';
        }
        w.__sluice.setNodeStatuses(updates);
      }, 33);
    }
  }, withStatus);
  await act();
  const frames = await page.evaluate(() => {
    const w = window;
    w.__recording = false;
    clearInterval(w.__statusTimer);
    return w.__frames.slice(2);
  });
  const sorted = [...frames].sort((a, b) => a - b);
  return { frames: frames.length, p50: pct(sorted, 50), p95: pct(sorted, 95), max: sorted.at(-1) };
}

async function pan(page, box) {
  // Middle-button drag pans anywhere, over nodes too.
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  await page.mouse.move(cx, cy);
  await page.mouse.down({ button: 'middle' });
  for (let i = 0; i < 120; i++) {
    const a = (i / 120) * Math.PI * 2;
    await page.mouse.move(cx + Math.cos(a) * 200, cy + Math.sin(a) * 120);
    await page.waitForTimeout(16);
  }
  await page.mouse.up({ button: 'middle' });
}

async function zoom(page, box) {
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (let i = 0; i < 80; i++) {
    await page.mouse.wheel(0, i % 40 < 20 ? -40 : 40);
    await page.waitForTimeout(16);
  }
}

const workspace = await mkdtemp(path.join(os.tmpdir(), 'sluice-bench-'));
const token = randomBytes(24).toString('hex');
const { child, url } = await startServer(workspace, token);
const browser = await launchChromium();
const results = [];
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(url);
  for (const n of SIZES) {
    const file = `bench-${n}.sluice.json`;
    const wf = generateWorkflow(n);
    await writeFile(path.join(workspace, file), JSON.stringify(wf, null, 2) + '\n');
    await page.reload();
    await page.getByTestId('welcome-open').click();
    const entry = page.getByTestId(`file-entry-${file}`);
    await entry.waitFor();
    const t0 = Date.now();
    await entry.click();
    await page.waitForFunction(
      (n) => window.__sluice?.doc().nodes.length === n && document.querySelector('.react-flow__node'),
      n,
    );
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const loadMs = Date.now() - t0;
    const box = await page.getByTestId('canvas').boundingBox();
    const row = { nodes: n, edges: wf.edges.length, loadMs, runs: {} };
    for (const view of ['100%', 'fit']) {
      if (view === 'fit') await page.keyboard.press('f');
      await page.waitForTimeout(400);
      for (const [name, act] of [
        ['pan', () => pan(page, box)],
        ['zoom', () => zoom(page, box)],
      ]) {
        for (const withStatus of [false, true]) {
          row.runs[`${view} ${name}${withStatus ? ' +status' : ''}`] = await measure(page, act, withStatus);
        }
      }
    }
    results.push(row);
    console.log(`\n${n} nodes, ${wf.edges.length} edges: opened in ${loadMs} ms`);
    for (const [k, v] of Object.entries(row.runs)) {
      console.log(
        `  ${k.padEnd(18)} p50 ${v.p50.toFixed(1).padStart(6)} ms  p95 ${v.p95.toFixed(1).padStart(6)} ms  max ${v.max.toFixed(1).padStart(6)} ms  (${v.frames} frames)`,
      );
    }
  }
} finally {
  await browser.close();
  child.kill('SIGTERM');
  await rm(workspace, { recursive: true, force: true });
}
if (process.env.BENCH_JSON) await writeFile(process.env.BENCH_JSON, JSON.stringify(results, null, 2));
