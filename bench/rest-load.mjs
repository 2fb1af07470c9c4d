// `npm run bench:rest`: a bounded load test of the REST API on loopback (issue 13). A real
// `sluice serve` is started; N runs (default 50, --runs=N) of a 5-node workflow are POSTed at once;
// each must complete, and its recorded history must hold consistent counts (every edge sent and
// received exactly what the workflow makes, each log line once). Prints runs per second and the
// median and p95 time from POST to completed; exits 1 when any run is wrong.
//   node bench/rest-load.mjs [--runs=N] [--values=N] [--json]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildEngine } from '../scripts/build.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, fallback) =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const RUNS = arg('runs', 50);
const VALUES = arg('values', 200);
const TOKEN = 'load-test-token-0123456789';

await buildEngine();
const workspace = mkdtempSync(path.join(os.tmpdir(), 'sluice-rest-load-'));
const n = (id, type, params = {}) => ({ id, type, params, position: { x: 0, y: 0 } });
const e = (source, target) => ({
  id: `${source}-${target}`,
  source,
  sourcePort: 'out',
  target,
  targetPort: 'in',
});
const workflow = {
  sluice: 1,
  name: 'Load',
  nodes: [
    n('src', 'core.sequence', { from: 1, to: VALUES }),
    n('double', 'core.map', { code: 'x => x * 2' }),
    n('even', 'core.filter', { code: 'x => x % 4 === 0' }),
    n('plus', 'core.map', { code: 'x => x + 1' }),
    n('out', 'core.log', { maxLines: 0 }),
  ],
  edges: [e('src', 'double'), e('double', 'even'), e('even', 'plus'), e('plus', 'out')],
};
writeFileSync(path.join(workspace, 'load.sluice.json'), JSON.stringify(workflow));
const want = { 'src-double': VALUES, 'double-even': VALUES, 'even-plus': VALUES / 2, 'plus-out': VALUES / 2 };

const server = spawn(
  process.execPath,
  [
    path.join(root, 'bin/sluice.js'),
    'serve',
    '--port',
    '0',
    '--workspace',
    workspace,
    '--token',
    TOKEN,
    '--no-build',
  ],
  { stdio: ['ignore', 'pipe', 'pipe'] },
);
const origin = await new Promise((resolve, reject) => {
  let out = '';
  const onData = (d) => {
    out += d;
    const m = /Sluice is serving (http:\/\/[^/\s]+)/.exec(out);
    if (m) resolve(m[1]);
  };
  server.stdout.on('data', onData);
  server.stderr.on('data', onData);
  server.once('exit', () => reject(new Error(out)));
});
const api = async (method, route, body) => {
  const res = await fetch(`${origin}/api/v1${route}`, {
    method,
    headers: { Authorization: `Bearer ${TOKEN}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, data: await res.json() };
};

/** The run's events, from its SSE stream (which ends with the run). */
async function events(id) {
  const res = await fetch(`${origin}/api/v1/runs/${id}/events`, {
    headers: { Authorization: `Bearer ${TOKEN}` },
  });
  const text = await res.text();
  return text
    .split('\n')
    .filter((l) => l.startsWith('data: '))
    .map((l) => JSON.parse(l.slice(6)));
}

const problems = [];
const t0 = performance.now();
const runs = await Promise.all(
  Array.from({ length: RUNS }, async (_, i) => {
    const posted = performance.now();
    const started = await api('POST', '/runs', { path: 'load.sluice.json' });
    if (started.status !== 201) {
      problems.push(`run ${i}: POST answered ${started.status} ${JSON.stringify(started.data)}`);
      return undefined;
    }
    const all = await events(started.data.id);
    const ended = performance.now();
    return { id: started.data.id, ms: ended - posted, events: all };
  }),
);
const wall = performance.now() - t0;

for (const run of runs.filter(Boolean)) {
  const { data } = await api('GET', `/runs/${run.id}`);
  if (data.status !== 'completed') problems.push(`${run.id}: ${data.status} ${data.error?.message ?? ''}`);
  const last = new Map();
  for (const ev of run.events)
    if (ev.kind === 'edge-counts') for (const c of ev.counts) last.set(c.edgeId, c);
  for (const [edge, count] of Object.entries(want)) {
    const c = last.get(edge);
    if (c?.sent !== count || c?.received !== count)
      problems.push(`${run.id}: ${edge} ${c?.sent}/${c?.received}, not ${count}`);
  }
  const seqs = run.events.map((ev) => ev.seq);
  if (seqs.some((s, k) => s !== k + 1)) problems.push(`${run.id}: events not 1…n exactly once`);
}
const listed = await api('GET', `/runs?workflow=Load&state=completed&limit=1000`);
if (listed.data.runs.length !== RUNS)
  problems.push(`history lists ${listed.data.runs.length} completed runs, not ${RUNS}`);

const times = runs
  .filter(Boolean)
  .map((r) => r.ms)
  .sort((a, b) => a - b);
const pct = (p) => times[Math.min(times.length - 1, Math.ceil((p / 100) * times.length) - 1)] ?? NaN;
const figures = {
  runs: RUNS,
  nodesPerRun: workflow.nodes.length,
  wallSeconds: +(wall / 1000).toFixed(2),
  runsPerSecond: +(RUNS / (wall / 1000)).toFixed(2),
  medianMs: Math.round(pct(50)),
  p95Ms: Math.round(pct(95)),
  problems: problems.length,
};
server.kill('SIGTERM');
await new Promise((r) => server.once('exit', r));
rmSync(workspace, { recursive: true, force: true });
if (process.argv.includes('--json')) console.log(JSON.stringify(figures));
else {
  console.log(
    `REST load: ${RUNS} runs of a ${workflow.nodes.length}-node workflow POSTed at once, all in ${figures.wallSeconds} s — ` +
      `${figures.runsPerSecond} runs/s; POST → completed median ${figures.medianMs} ms, p95 ${figures.p95Ms} ms; ` +
      `${problems.length} problem(s)`,
  );
}
for (const p of problems.slice(0, 20)) console.log(`  ${p}`);
process.exit(problems.length === 0 ? 0 : 1);
