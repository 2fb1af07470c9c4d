// `npm run bench:engine`: the runtime's throughput and start-up beside a framework-less baseline
// measured in the same run (issue 2, item 7). Prints a table; figures go to docs/performance.md.
//   node bench/engine-throughput.mjs [--quick] [--json] [--only=throughput|start] [--per-value]
// The bench nodes use the SDK's batch API; --per-value makes them read and send one value at a time.
import { fork, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildEngine, bundleForNode } from '../scripts/build.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const quick = args.has('--quick');
const only = [...args].find((a) => a.startsWith('--only='))?.slice(7);
const mode = args.has('--per-value') ? 'value' : 'batch';
const bareScript = path.join(root, 'bench/lib/bareNode.mjs');

await buildEngine();
const apiFile = path.join(root, 'dist/bench/engineApi.js');
await bundleForNode({ entryPoints: ['bench/lib/engineApi.ts'], outfile: apiFile });
const { startRun, createRegistry, WorkerPool, createChildLauncher, resolveWorkerEntry } = await import(
  pathToFileURL(apiFile).href
);
const registry = await createRegistry({ userNodesDir: path.join(root, 'bench/nodes') });
if (registry.loadErrors.length) throw new Error(registry.loadErrors.map((e) => e.message).join('\n'));
const work = mkdtempSync(path.join(os.tmpdir(), 'sluice-bench-'));

const node = (id, type, params = {}) => ({ id, type, params, position: { x: 0, y: 0 } });
const edge = (source, target) => ({
  id: `${source}-${target}`,
  source,
  sourcePort: 'out',
  target,
  targetPort: 'in',
});

function chain(length, count, bytes, batch) {
  const nodes = [node('n0', 'bench.source', { count, bytes, batch, mode })];
  for (let i = 1; i < length - 1; i++) nodes.push(node(`n${i}`, 'bench.pass', { mode }));
  nodes.push(node(`n${length - 1}`, 'bench.sink', { mode }));
  const edges = nodes.slice(1).map((n, i) => edge(`n${i}`, n.id));
  return { sluice: 1, name: `chain of ${length}`, nodes, edges };
}

function readStats(runDir) {
  const out = {};
  for (const f of readdirSync(runDir))
    if (f.endsWith('.stats.json'))
      out[f.replace('.stats.json', '')] = JSON.parse(readFileSync(path.join(runDir, f), 'utf8'));
  return out;
}

async function sluiceChain(length, count, bytes, batch, pool) {
  const t0 = performance.timeOrigin + performance.now();
  const handle = await startRun({
    workflow: chain(length, count, bytes, batch),
    baseDir: work,
    runsDir: path.join(work, 'runs'),
    registry,
    ...(pool ? { pool } : {}),
  });
  const summary = await handle.done;
  if (summary.status !== 'completed')
    throw new Error(`bench run ${summary.status}: ${summary.error?.message}`);
  const stats = readStats(handle.runDir);
  const sink = stats[`n${length - 1}`];
  if (sink.count !== count) throw new Error(`sink got ${sink.count} of ${count}`);
  rmSync(handle.runDir, { recursive: true, force: true });
  return {
    msgsPerSec: count / ((sink.endAt - stats.n0.startAt) / 1000),
    cpuUsPerMsg: Object.values(stats).reduce((a, s) => a + s.cpuUs, 0) / count,
    firstMs: sink.firstAt - t0,
    rssKiB: Object.values(stats).map((s) => s.maxRssKiB),
  };
}

function bareChain(length, count, bytes, batch) {
  return new Promise((resolve, reject) => {
    const procs = [];
    const reports = [];
    for (let i = 0; i < length; i++) {
      const role = i === 0 ? 'source' : i === length - 1 ? 'sink' : 'pass';
      const roleArgs = role === 'source' ? [String(count), String(bytes), String(batch)] : [];
      const stdin = i === 0 ? 'ignore' : procs[i - 1].stdout;
      const p = spawn(process.execPath, [bareScript, role, ...roleArgs], {
        stdio: [stdin, i === length - 1 ? 'ignore' : 'pipe', 'pipe'],
      });
      let err = '';
      p.stderr.on('data', (d) => (err += d));
      p.on('exit', (code) => {
        if (code !== 0) return reject(new Error(`baseline ${role} exited ${code}: ${err}`));
        reports[i] = JSON.parse(err.trim().split('\n').at(-1));
        if (reports.filter(Boolean).length === length) {
          const sink = reports[length - 1];
          if (sink.count !== count) return reject(new Error(`baseline sink got ${sink.count} of ${count}`));
          resolve({
            msgsPerSec: count / ((sink.endAt - reports[0].startAt) / 1000),
            cpuUsPerMsg: reports.reduce((a, r) => a + r.cpuUs, 0) / count,
            rssKiB: reports.map((r) => r.maxRssKiB),
          });
        }
      });
      procs.push(p);
    }
  });
}

async function bareForks(n) {
  const t0 = performance.now();
  await Promise.all(
    Array.from(
      { length: n },
      () =>
        new Promise((resolve) => {
          const c = fork(bareScript, ['ready'], { stdio: 'ignore' });
          c.once('message', () => {
            resolve();
            c.kill();
          });
        }),
    ),
  );
  return performance.now() - t0;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (n) => Math.round(n).toLocaleString('en-US');

const reps = quick ? 1 : 5;
const cases = [
  { label: '~100 B', bytes: 100, count: quick ? 50_000 : 200_000, batch: 256 },
  { label: '64 KiB', bytes: 64 * 1024, count: quick ? 500 : 2_000, batch: 4 },
];
const rows = [];
let rss = [];
let bareRss = [];
for (const c of only === 'start' ? [] : cases) {
  for (const length of [2, 4, 8]) {
    // Alternate the two so a busy machine's load spreads over both alike.
    const s = [];
    const b = [];
    for (let i = 0; i < reps; i++) {
      s.push(await sluiceChain(length, c.count, c.bytes, c.batch));
      b.push(await bareChain(length, c.count, c.bytes, c.batch));
    }
    const sm = median(s.map((r) => r.msgsPerSec));
    const bm = median(b.map((r) => r.msgsPerSec));
    rss.push(...s.flatMap((r) => r.rssKiB));
    bareRss.push(...b.flatMap((r) => r.rssKiB));
    // CPU time per message (all processes of the chain) does not depend on what else the machine runs.
    const sc = median(s.map((r) => r.cpuUsPerMsg));
    const bc = median(b.map((r) => r.cpuUsPerMsg));
    rows.push({
      message: c.label,
      processes: length,
      sluice: sm,
      baseline: bm,
      ratio: sm / bm,
      sluiceCpu: sc,
      baselineCpu: bc,
    });
    console.error(
      `${c.label} chain of ${length}: sluice ${fmt(sm)} msg/s, baseline ${fmt(bm)} msg/s (${((sm / bm) * 100).toFixed(0)} %); CPU µs/msg ${sc.toFixed(2)} vs ${bc.toFixed(2)} (${((bc / sc) * 100).toFixed(0)} %)`,
    );
  }
}

// Start-up: run start → first message at the sink of a 20-node chain, beside forking 20 bare processes.
const start = {};
if (only !== 'throughput') {
  const bare = [];
  const cold = [];
  for (let i = 0; i < reps + 2; i++) {
    bare.push(await bareForks(20));
    cold.push((await sluiceChain(20, 1, 100, 1)).firstMs);
  }
  start.bareFork20 = median(bare);
  start.cold = median(cold);
  const entry = resolveWorkerEntry();
  for (const size of [undefined, 20]) {
    const pool = new WorkerPool({
      launcher: createChildLauncher(),
      entry,
      ...(size ? { size } : {}),
    });
    const times = [];
    for (let i = 0; i < reps + 2; i++) {
      pool.warm();
      // Let the pre-started workers finish starting, as they would between runs in the app.
      await new Promise((r) => setTimeout(r, 1500));
      times.push((await sluiceChain(20, 1, 100, 1, pool)).firstMs);
    }
    start[`pool${pool.size}`] = median(times);
    pool.dispose();
  }
}
rmSync(work, { recursive: true, force: true });

const kib = (xs) =>
  xs.length === 0 ? 'n/a' : `${fmt(median(xs) / 1024)} MiB median, ${fmt(Math.max(...xs) / 1024)} MiB max`;
console.log(
  `\nEngine throughput (${os.cpus().length} cores, Node ${process.versions.node}, ${reps} rep(s), median, ${mode === 'batch' ? 'batch API' : 'one value at a time'})\n`,
);
console.log(
  '| message | processes | Sluice msg/s | baseline msg/s | ratio | Sluice CPU µs/msg | baseline CPU µs/msg | CPU ratio |',
);
console.log('|---|---|---|---|---|---|---|---|');
const pct = (x) => `${(x * 100).toFixed(0)} %`;
for (const r of rows)
  console.log(
    `| ${r.message} | ${r.processes} | ${fmt(r.sluice)} | ${fmt(r.baseline)} | ${pct(r.ratio)} | ${r.sluiceCpu.toFixed(2)} | ${r.baselineCpu.toFixed(2)} | ${pct(r.baselineCpu / r.sluiceCpu)} |`,
  );
if (start.bareFork20 !== undefined) {
  console.log(`\n20-node chain, run start → first message at the sink:`);
  console.log(`| fork 20 bare Node processes | ${fmt(start.bareFork20)} ms |`);
}
for (const [k, v] of Object.entries(start))
  if (k !== 'bareFork20')
    console.log(
      `| Sluice, ${k === 'cold' ? 'no pool' : `pool of ${k.slice(4)} pre-started workers`} | ${fmt(v)} ms (${(v / start.bareFork20).toFixed(2)}×) |`,
    );
console.log(`\nPeak RSS per node process: Sluice ${kib(rss)}; bare baseline ${kib(bareRss)}`);
if (args.has('--json')) console.log(JSON.stringify({ rows, start, rss, bareRss }));
