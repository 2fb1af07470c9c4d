// `npm run test:faults`: fault injection (issue 9). N runs (default 100, FAULT_RUNS=N) of a 20-node
// graph with fan-out and fan-in; in most runs random node processes are killed at random times, in
// every tenth the host itself (a real `node bin/sluice.js run` child) is killed with SIGKILL and a
// replacement host runs the graph again on the same workspace. After each run it checks: the host (or
// its replacement) is alive and right, no process is left, the run is terminal, every node's final
// status fits what happened to it, and the edge counts fit the statuses and the collected values.
// Prints the tally; exits 1 when any check failed.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildEngine, bundleForNode } from './build.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.env.FAULT_RUNS ?? 100);
const M = 1000; // values from the source
const RUN_TIMEOUT_MS = 30_000;

await buildEngine();
const apiFile = path.join(root, 'dist/faults/engineApi.js');
await bundleForNode({ entryPoints: ['bench/lib/engineApi.ts'], outfile: apiFile });
const { startRun, createRegistry, createChildLauncher } = await import(pathToFileURL(apiFile).href);
const registry = await createRegistry();
const work = mkdtempSync(path.join(os.tmpdir(), 'sluice-faults-'));

// ---- the graph: src → 6 × (map → delay) → all (fan-in); src → log; m1 → c1; m2 → c2; src → m7 → f7 → c7
const node = (id, type, params = {}) => ({ id, type, params, position: { x: 0, y: 0 } });
const edge = (source, target, capacity) => ({
  id: `${source}-${target}`,
  source,
  sourcePort: 'out',
  target,
  targetPort: 'in',
  ...(capacity ? { capacity } : {}),
});
const nodes = [node('src', 'core.sequence', { from: 1, to: M, intervalMs: 0 })];
const edges = [];
for (let i = 1; i <= 6; i++) {
  nodes.push(
    node(`m${i}`, 'core.map', { code: `x => x * 10 + ${i}` }),
    node(`d${i}`, 'core.delay', { ms: 0 }),
  );
  edges.push(edge('src', `m${i}`, 16 * i), edge(`m${i}`, `d${i}`), edge(`d${i}`, 'all', 8));
}
nodes.push(
  node('all', 'core.collect'),
  node('log', 'core.log', { maxLines: 0 }),
  node('c1', 'core.collect'),
  node('c2', 'core.collect'),
  node('m7', 'core.map', { code: 'x => x + 1' }),
  node('f7', 'core.filter', { code: 'x => x % 2 === 0' }),
  node('c7', 'core.collect'),
);
edges.push(
  edge('src', 'log'),
  edge('m1', 'c1'),
  edge('m2', 'c2'),
  edge('src', 'm7'),
  edge('m7', 'f7'),
  edge('f7', 'c7'),
);
const workflow = { sluice: 1, name: 'faults', nodes, edges };
if (nodes.length !== 20) throw new Error(`the fault graph has ${nodes.length} nodes, not 20`);
const workflowFile = path.join(work, 'faults.sluice.json');
writeFileSync(workflowFile, JSON.stringify(workflow));

/** "pid (comm) S …" from /proc: the state letter (Z: a zombie, dead and waiting for its reaper). */
const stateOf = (pid) => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  } catch {
    return undefined;
  }
};
const isAlive = (pid) => {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  return stateOf(pid) !== 'Z';
};
/** What an orphan is, for the report: pid, state, parent, command line. */
const describe = (pid) => {
  const stat = (() => {
    try {
      return readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      return '';
    }
  })();
  const ppid = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1];
  const cmd = (() => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
    } catch {
      return '?';
    }
  })();
  return `${pid} [${stateOf(pid) ?? '?'} ppid ${ppid ?? '?'}: ${cmd}]`;
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const upstream = new Map(nodes.map((n) => [n.id, edges.filter((e) => e.target === n.id)]));

/** Everything wrong with one finished in-process run, as sentences. */
function problemsOf(summary, counts, killed, runDir) {
  const out = [];
  if (!['completed', 'failed', 'cancelled'].includes(summary.status)) out.push(`run ended ${summary.status}`);
  const failed = Object.entries(summary.nodes).filter(([, n]) => n.status === 'failed');
  for (const [id, n] of Object.entries(summary.nodes)) {
    if (!['completed', 'failed', 'cancelled'].includes(n.status)) out.push(`${id} ended ${n.status}`);
    if (n.status === 'failed') {
      if (!killed.has(id)) out.push(`${id} failed but was not killed: ${n.error?.message}`);
      else if (!/its process was killed by signal SIGKILL/.test(n.error?.message ?? ''))
        out.push(`${id} failed with "${n.error?.message}"`);
    }
    // A completed node took everything that was sent to it.
    if (n.status === 'completed')
      for (const e of upstream.get(id)) {
        const c = counts.get(e.id);
        if (!c || c.sent !== c.received) out.push(`${id} completed but ${e.id} is ${c?.sent}/${c?.received}`);
      }
  }
  if (failed.length > 0 && summary.status !== 'failed')
    out.push(`nodes failed but the run is ${summary.status}`);
  if (failed.length === 0 && summary.status !== 'completed')
    out.push(`nothing failed but the run is ${summary.status}`);
  for (const e of edges) {
    const c = counts.get(e.id) ?? { sent: 0, received: 0 };
    if (c.received > c.sent) out.push(`${e.id}: received ${c.received} > sent ${c.sent}`);
    if (
      e.capacity &&
      c.sent - c.received > e.capacity + 1024 &&
      summary.nodes[e.target].status !== 'cancelled'
    )
      out.push(`${e.id}: ${c.sent - c.received} in flight over capacity ${e.capacity}`);
  }
  if (summary.status === 'completed') {
    for (const e of edges) {
      const want = e.source === 'f7' ? M / 2 : M;
      const c = counts.get(e.id);
      if (c?.sent !== want || c?.received !== want)
        out.push(`${e.id}: ${c?.sent}/${c?.received}, not ${want}`);
    }
  }
  if (summary.nodes.all.status === 'completed') {
    const all = JSON.parse(readFileSync(path.join(runDir, 'all.json'), 'utf8'));
    const distinct = new Set(all);
    if (all.length !== 6 * M || distinct.size !== 6 * M)
      out.push(`all.json holds ${all.length} values (${distinct.size} distinct), not ${6 * M}`);
  }
  return out;
}

async function inProcessRun(i) {
  const pids = [];
  const inner = createChildLauncher();
  const launcher = {
    launch(o) {
      const p = inner.launch(o);
      pids.push(p.pid);
      return p;
    },
  };
  const handle = await startRun({
    workflow,
    baseDir: work,
    runsDir: path.join(work, 'runs'),
    registry,
    launcher,
  });
  const counts = new Map();
  handle.onEvent((e) => {
    if (e.kind === 'edge-counts') for (const c of e.counts) counts.set(c.edgeId, c);
  });
  // 0 to 3 kills of random node processes at random times (some after the run has ended).
  const killed = new Set();
  const kills = i % 4;
  const timers = [];
  for (let k = 0; k < kills; k++) {
    const at = 50 + Math.random() * 900;
    const victim = Math.floor(Math.random() * nodes.length);
    timers.push(
      setTimeout(() => {
        const pid = pids[victim];
        const status = handle.summary().nodes[nodes[victim].id].status;
        if (pid && isAlive(pid) && !['completed', 'failed', 'cancelled'].includes(status)) {
          killed.add(nodes[victim].id);
          process.kill(pid, 'SIGKILL');
        }
      }, at),
    );
  }
  const timeout = sleep(RUN_TIMEOUT_MS).then(() => 'timeout');
  const summary = await Promise.race([handle.done, timeout]);
  for (const t of timers) clearTimeout(t);
  if (summary === 'timeout') {
    await handle.abort();
    return { kind: 'timeout', problems: ['the run did not end within 30 s'] };
  }
  const problems = problemsOf(summary, counts, killed, handle.runDir);
  await sleep(100);
  const left = pids.filter(isAlive);
  if (left.length > 0) {
    problems.push(`orphans: ${left.map(describe).join(', ')}`);
    for (const p of left) process.kill(p, 'SIGKILL');
  }
  rmSync(handle.runDir, { recursive: true, force: true });
  return { kind: summary.status, killed: killed.size, problems };
}

function descendants(pid) {
  const out = spawnSync('ps', ['-eo', 'pid=,ppid='], { encoding: 'utf8' }).stdout;
  const children = new Map();
  for (const line of out.trim().split('\n')) {
    const [p, pp] = line.trim().split(/\s+/).map(Number);
    children.set(pp, [...(children.get(pp) ?? []), p]);
  }
  const all = [];
  const walk = (p) => {
    for (const c of children.get(p) ?? []) {
      all.push(c);
      walk(c);
    }
  };
  walk(pid);
  return all;
}

async function hostKillRun() {
  const host = spawn(
    process.execPath,
    [path.join(root, 'bin/sluice.js'), 'run', workflowFile, '--json', '--workspace', work],
    {
      stdio: ['ignore', 'pipe', 'ignore'],
    },
  );
  let out = '';
  host.stdout.on('data', (d) => (out += d));
  // Once its nodes are running, at a random moment.
  for (let t = 0; t < 10_000 && !out.includes('"status":"running","attempt"'); t += 20) await sleep(20);
  await sleep(Math.random() * 400);
  const workers = descendants(host.pid);
  host.kill('SIGKILL');
  await sleep(2000);
  const left = workers.filter(isAlive);
  const problems = left.length ? [`orphans 2 s after the host died: ${left.map(describe).join(', ')}`] : [];
  for (const p of left) process.kill(p, 'SIGKILL');
  problems.push(...(await replacementRun()));
  return { kind: 'host-killed', problems };
}

/** A new host on the same workspace after one was killed there: it runs the graph to the right counts. */
async function replacementRun() {
  const host = spawn(
    process.execPath,
    [path.join(root, 'bin/sluice.js'), 'run', workflowFile, '--json', '--workspace', work],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  let err = '';
  host.stdout.on('data', (d) => (out += d));
  host.stderr.on('data', (d) => (err += d));
  const code = await new Promise((resolve) => host.on('close', resolve));
  if (code !== 0)
    return [`the replacement host exited ${code}: ${err.trim().split('\n').slice(-3).join(' | ')}`];
  const counts = new Map();
  for (const line of out.split('\n')) {
    if (!line.includes('"edge-counts"')) continue;
    for (const c of JSON.parse(line).counts) counts.set(c.edgeId, c);
  }
  const wrong = edges.filter((e) => {
    const c = counts.get(e.id);
    const want = e.source === 'f7' ? M / 2 : M;
    return c?.sent !== want || c?.received !== want;
  });
  return wrong.length
    ? [`the replacement host's run counted ${wrong.map((e) => e.id).join(', ')} wrong`]
    : [];
}

const tally = {
  runs: 0,
  completed: 0,
  failed: 0,
  cancelled: 0,
  'host-killed': 0,
  timeout: 0,
  killedNodes: 0,
  withProblems: 0,
};
const started = Date.now();
for (let i = 0; i < RUNS; i++) {
  const r = i % 10 === 9 ? await hostKillRun() : await inProcessRun(i);
  tally.runs++;
  tally[r.kind]++;
  tally.killedNodes += r.killed ?? 0;
  if (r.problems.length > 0) {
    tally.withProblems++;
    console.log(`run ${i + 1} (${r.kind}): ${r.problems.join('; ')}`);
  }
  if ((i + 1) % 10 === 0)
    console.log(`… ${i + 1}/${RUNS} runs, ${((Date.now() - started) / 1000).toFixed(0)} s`);
}
// The host (this process) is alive: it got here.
console.log(
  `\nfault injection: ${tally.runs} runs of a 20-node graph in ${((Date.now() - started) / 1000).toFixed(0)} s — ` +
    `${tally.completed} completed, ${tally.failed} failed (${tally.killedNodes} node processes killed), ` +
    `${tally.cancelled} cancelled, ${tally['host-killed']} with the host killed, ${tally.timeout} timed out; ` +
    `host alive; ${tally.withProblems} run(s) with problems`,
);
rmSync(work, { recursive: true, force: true });
process.exit(tally.withProblems === 0 ? 0 : 1);
