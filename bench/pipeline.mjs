// `node bench/pipeline.mjs`: a data pipeline through Sluice beside the same SQL in DuckDB alone
// (issues 5 and 11). Large input: a generated 10-million-row CSV → SQL aggregate → Parquet. Small
// input: vega-datasets' flights-3m.parquet (3 M rows), where process start-up dominates. Each round
// runs, interleaved: DuckDB in this process, Sluice with pre-started workers (as the app and `serve`
// keep them), DuckDB in a fresh Node process, and the whole `sluice run` in a fresh Node process.
// Medians are compared in pairs: pre-started against DuckDB here, `sluice run` against fresh DuckDB.
//   node bench/pipeline.mjs [--pairs=N] [--rows=N] [--json]
import { mkdirSync, existsSync, rmSync, mkdtempSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { buildEngine, bundleForNode } from '../scripts/build.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, fallback) =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const pairs = arg('pairs', 5);
const rows = arg('rows', 10_000_000);
const asJson = process.argv.includes('--json');

await buildEngine();
const apiFile = path.join(root, 'dist/bench/pipelineApi.js');
await bundleForNode({ entryPoints: ['bench/lib/engineApi.ts'], outfile: apiFile });
const { startRun, createRegistry, WorkerPool, createChildLauncher, resolveWorkerEntry } = await import(
  pathToFileURL(apiFile).href
);
const registry = await createRegistry();

// Inputs: the big CSV is generated once (deterministic) and kept under .tmp/ (git-ignored).
const dataDir = path.join(root, '.tmp', 'bench-pipeline');
mkdirSync(dataDir, { recursive: true });
const bigCsv = path.join(dataDir, `rows-${rows}.csv`);
const db = await DuckDBInstance.create(':memory:');
if (!existsSync(bigCsv)) {
  const c = await db.connect();
  await c.run(
    `COPY (SELECT i AS id, i % 1000 AS key, (i * 7919 % 100000) / 100.0 AS value, 'c' || (i % 37) AS category
           FROM range(${rows}) t(i)) TO '${bigCsv}' (FORMAT csv, HEADER true)`,
  );
  c.closeSync();
}
const smallParquet = path.join(root, 'node_modules/vega-datasets/data/flights-3m.parquet');

const cases = [
  {
    name: `${(rows / 1e6).toFixed(0)} M-row CSV → aggregate → Parquet`,
    source: { type: 'csv.read', params: { path: bigCsv } },
    read: `read_csv('${bigCsv}')`,
    sql: 'SELECT key, count(*) AS n, sum(value) AS total, avg(value) AS mean FROM input GROUP BY key',
  },
  {
    name: '3 M-row Parquet (flights-3m) → aggregate → Parquet',
    source: { type: 'parquet.read', params: { path: smallParquet } },
    read: `read_parquet('${smallParquet}')`,
    sql: 'SELECT origin, count(*) AS n, avg(delay) AS mean_delay FROM input GROUP BY origin',
  },
];

const work = mkdtempSync(path.join(os.tmpdir(), 'sluice-bench-pipeline-'));
const node = (id, type, params) => ({ id, type, params, position: { x: 0, y: 0 } });

function workflowOf(kase, out) {
  return {
    sluice: 1,
    name: 'bench',
    nodes: [
      node('src', kase.source.type, kase.source.params),
      node('agg', 'sql.query', { sql: kase.sql }),
      node('save', 'parquet.write', { path: out }),
    ],
    edges: [
      { id: 'e1', source: 'src', sourcePort: 'table', target: 'agg', targetPort: 'input' },
      { id: 'e2', source: 'agg', sourcePort: 'table', target: 'save', targetPort: 'table' },
    ],
  };
}

const copySql = (kase, out) =>
  `COPY (${kase.sql.replace('FROM input', `FROM ${kase.read}`)}) TO '${out}' (FORMAT parquet)`;

/** DuckDB alone, in this process (DuckDB already loaded): the same query into a Parquet file. */
async function duckdbAlone(kase, out) {
  const t0 = performance.now();
  const c = await db.connect();
  await c.run(copySql(kase, out));
  c.closeSync();
  return performance.now() - t0;
}

// DuckDB alone in a fresh Node process: import, open a database, the same COPY. Kept under dist/
// so it resolves @duckdb/node-api from the repository's node_modules.
const freshDuckScript = path.join(root, 'dist/bench/duckAlone.mjs');
writeFileSync(
  freshDuckScript,
  `import { DuckDBInstance } from '@duckdb/node-api';
const db = await DuckDBInstance.create(':memory:');
const c = await db.connect();
await c.run(process.argv[2]);
c.closeSync();
`,
);

function timedProcess(args) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

const freshDuckdb = (kase, out) => timedProcess([freshDuckScript, copySql(kase, out)]);

/** The whole `sluice run FILE` in a fresh Node process: the CLI, the check, three node processes. */
function sluiceRun(kase, out, i) {
  const file = path.join(work, `bench-${i}.sluice.json`);
  writeFileSync(file, JSON.stringify(workflowOf(kase, out)));
  return timedProcess([path.join(root, 'bin/sluice.js'), 'run', file]);
}

/** The same pipeline through `startRun` with pre-started workers: three nodes, three processes. */
async function sluice(kase, out, pool) {
  const t0 = performance.now();
  const handle = await startRun({
    workflow: workflowOf(kase, out),
    baseDir: work,
    runsDir: path.join(work, 'runs'),
    registry,
    pool,
  });
  const summary = await handle.done;
  const ms = performance.now() - t0;
  if (summary.status !== 'completed')
    throw new Error(`bench run ${summary.status}: ${JSON.stringify(summary.nodes)}`);
  return ms;
}

// Executing nodes (the sink) take a worker that has DuckDB loaded and its database open; composing
// nodes (the source, the SQL node) take a plain one and never load DuckDB.
const profiles = [['@duckdb/node-api'], []];
/**
 * A fresh pool per measured run, with both profiles ready, as an idle pool of the app or `sluice
 * serve` is. Refills never happen during a run: they would compete for the CPU.
 */
async function warmPool() {
  const pool = new WorkerPool({
    launcher: createChildLauncher(),
    entry: resolveWorkerEntry(),
    size: 2,
    refillDelayMs: 600_000,
  });
  for (const p of profiles) pool.warm(p);
  const deadline = Date.now() + 20_000;
  while (profiles.some((p) => pool.readyCount(p) < pool.size) && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 50));
  return pool;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const results = [];
for (const kase of cases) {
  const times = { duckdb: [], warm: [], freshDuckdb: [], sluiceRun: [] };
  // One unmeasured round to fill the OS page cache and load everything once.
  await duckdbAlone(kase, path.join(work, 'warmup.parquet'));
  sluiceRun(kase, path.join(work, 'warmup-run.parquet'), 'warmup');
  for (let i = 0; i < pairs; i++) {
    times.duckdb.push(await duckdbAlone(kase, path.join(work, `duck-${i}.parquet`)));
    const pool = await warmPool();
    times.warm.push(await sluice(kase, path.join(work, `warm-${i}.parquet`), pool));
    pool.dispose();
    times.freshDuckdb.push(freshDuckdb(kase, path.join(work, `fresh-${i}.parquet`)));
    times.sluiceRun.push(sluiceRun(kase, path.join(work, `run-${i}.parquet`), i));
  }
  const m = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
  results.push({
    case: kase.name,
    pairs,
    duckdbMs: Math.round(m.duckdb),
    sluiceWarmMs: Math.round(m.warm),
    warmRatio: +(m.warm / m.duckdb).toFixed(2),
    freshDuckdbMs: Math.round(m.freshDuckdb),
    sluiceRunMs: Math.round(m.sluiceRun),
    runRatio: +(m.sluiceRun / m.freshDuckdb).toFixed(2),
    raw: Object.fromEntries(Object.entries(times).map(([k, v]) => [k, v.map(Math.round)])),
  });
}
rmSync(work, { recursive: true, force: true });

if (asJson) console.log(JSON.stringify(results, null, 2));
else {
  console.log(
    '| Case | DuckDB here | Sluice, pre-started workers | DuckDB, fresh process | `sluice run`, fresh process |',
  );
  console.log('|---|---|---|---|---|');
  for (const r of results) {
    console.log(
      `| ${r.case} | ${r.duckdbMs} ms | ${r.sluiceWarmMs} ms (${r.warmRatio}×) | ${r.freshDuckdbMs} ms | ${r.sluiceRunMs} ms (${r.runRatio}×) |`,
    );
  }
  const [csv, pq] = results;
  console.log(
    `targets: 3 M \`sluice run\` ${pq.runRatio}× (≤ 3×) · 3 M pre-started ${pq.warmRatio}× (≤ 1.5×) · 10 M CSV pre-started ${csv.warmRatio}× (≤ 1.0×)`,
  );
  console.log(`median of ${pairs} interleaved rounds; ${os.cpus().length} cores, Node ${process.version}`);
}
