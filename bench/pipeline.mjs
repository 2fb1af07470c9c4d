// `node bench/pipeline.mjs`: a data pipeline through Sluice beside the same SQL in DuckDB alone
// (issue 5). Large input: a generated 10-million-row CSV → SQL aggregate → Parquet. Small input:
// vega-datasets' flights-3m.parquet (3 M rows), where process start-up dominates. Runs are
// interleaved (DuckDB, Sluice with pre-started workers, Sluice cold) and the median of each is kept.
//   node bench/pipeline.mjs [--pairs=N] [--rows=N] [--json]
import { mkdirSync, existsSync, rmSync, mkdtempSync } from 'node:fs';
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

/** DuckDB alone, in this process (DuckDB already loaded): the same query into a Parquet file. */
async function duckdbAlone(kase, out) {
  const t0 = performance.now();
  const c = await db.connect();
  await c.run(`COPY (${kase.sql.replace('FROM input', `FROM ${kase.read}`)}) TO '${out}' (FORMAT parquet)`);
  c.closeSync();
  return performance.now() - t0;
}

/** The same pipeline through Sluice: three nodes, three processes, the table passed by reference. */
async function sluice(kase, out, pool) {
  const workflow = {
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
  const t0 = performance.now();
  const handle = await startRun({
    workflow,
    baseDir: work,
    runsDir: path.join(work, 'runs'),
    registry,
    ...(pool ? { pool } : {}),
  });
  const summary = await handle.done;
  const ms = performance.now() - t0;
  if (summary.status !== 'completed')
    throw new Error(`bench run ${summary.status}: ${JSON.stringify(summary.nodes)}`);
  return ms;
}

const preload = ['@duckdb/node-api'];
/**
 * A fresh pool of three pre-started workers (DuckDB loaded) per measured run. Refills never happen
 * during a run: they would compete for the CPU.
 */
async function warmPool() {
  const pool = new WorkerPool({
    launcher: createChildLauncher(),
    entry: resolveWorkerEntry(),
    size: 3,
    refillDelayMs: 600_000,
  });
  pool.warm(preload);
  // Until every worker has imported DuckDB and opened its database (`ready`), as an idle pool has.
  const deadline = Date.now() + 20_000;
  while (pool.readyCount(preload) < pool.size && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 50));
  return pool;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const results = [];
for (const kase of cases) {
  const times = { duckdb: [], warm: [], cold: [] };
  // One unmeasured round to fill the OS page cache and load everything once.
  await duckdbAlone(kase, path.join(work, 'warmup.parquet'));
  for (let i = 0; i < pairs; i++) {
    times.duckdb.push(await duckdbAlone(kase, path.join(work, `duck-${i}.parquet`)));
    const pool = await warmPool();
    times.warm.push(await sluice(kase, path.join(work, `warm-${i}.parquet`), pool));
    pool.dispose();
    times.cold.push(await sluice(kase, path.join(work, `cold-${i}.parquet`)));
  }
  const d = median(times.duckdb);
  results.push({
    case: kase.name,
    pairs,
    duckdbMs: Math.round(d),
    sluiceWarmMs: Math.round(median(times.warm)),
    sluiceColdMs: Math.round(median(times.cold)),
    warmRatio: +(median(times.warm) / d).toFixed(2),
    coldRatio: +(median(times.cold) / d).toFixed(2),
    raw: Object.fromEntries(Object.entries(times).map(([k, v]) => [k, v.map(Math.round)])),
  });
}
rmSync(work, { recursive: true, force: true });

if (asJson) console.log(JSON.stringify(results, null, 2));
else {
  console.log(`| Case | DuckDB alone | Sluice, pre-started workers | Sluice, cold processes |`);
  console.log(`|---|---|---|---|`);
  for (const r of results) {
    console.log(
      `| ${r.case} | ${r.duckdbMs} ms | ${r.sluiceWarmMs} ms (${r.warmRatio}×) | ${r.sluiceColdMs} ms (${r.coldRatio}×) |`,
    );
  }
  console.log(`median of ${pairs} interleaved rounds; ${os.cpus().length} cores, Node ${process.version}`);
}
