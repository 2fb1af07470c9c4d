// Fuzz: thousands of generated hostile SQL strings and parameter values go to workflow:infer and
// workflow:validate of a confined host (as `sluice serve` runs it). The host stays up and answers,
// writes nothing anywhere, reads nothing outside its workspace, reaches no server, installs no
// extension, and leaves no process behind.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, realpath, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Workflow, WorkflowNode } from '../model/workflow.js';
import { createHostService, type HostService } from './hostService.js';
import { hostileExpression, hostilePath, hostileSql, prng, type Targets } from './testing/hostileInputs.js';

const WORKFLOWS = 30;
const SQL_PER_WORKFLOW = 100;
const SECRET = 'canary-secret-4e1b';

let base: string;
let workspace: string;
let targets: Targets;
let service: HostService;
let web: Server;
let hits = 0;
let closed = false;

async function snapshot(dir: string): Promise<string> {
  const out: string[] = [];
  for (const name of (await readdir(dir, { recursive: true })).sort()) {
    const s = await stat(path.join(dir, name));
    out.push(`${name} ${s.size} ${s.mtimeMs}`);
  }
  return out.join('\n');
}

/** Processes whose parent is this one (the check's processes would be). */
function children(): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        return (
          /^PPid:\s+(\d+)$/m.exec(readFileSync(`/proc/${d}/status`, 'utf8'))?.[1] === String(process.pid)
        );
      } catch {
        return false;
      }
    })
    .map(Number);
}

beforeAll(async () => {
  base = await realpath(await mkdtemp(path.join(os.tmpdir(), 'sluice-fuzz-')));
  workspace = path.join(base, 'ws');
  const canary = path.join(base, 'canary');
  await mkdir(workspace);
  await mkdir(canary);
  await writeFile(path.join(canary, 'secret.csv'), `${SECRET},b\n1,2\n`);
  await writeFile(path.join(canary, 'secret.txt'), SECRET);
  await writeFile(path.join(workspace, 'good.csv'), 'id,name\n1,a\n');
  execFileSync('mkfifo', [path.join(workspace, 'pipe.csv')]);
  web = createServer((_req, res) => {
    hits++;
    res.end(`${SECRET},b\n1,2\n`);
  });
  await new Promise<void>((r) => web.listen(0, '127.0.0.1', r));
  targets = { canary, url: `http://127.0.0.1:${(web.address() as AddressInfo).port}` };
  service = await createHostService({
    workspace,
    confine: true,
    usePool: false,
    trustFile: path.join(base, 'trust.json'),
  });
});

afterAll(async () => {
  if (!closed) await service.close();
  await new Promise((r) => web.close(r));
  await rm(base, { recursive: true, force: true });
});

function workflowOf(w: number, rand: () => number): Workflow {
  const at = { x: 0, y: 0 };
  const nodes: WorkflowNode[] = [
    { id: 'src', type: 'sql.query', params: { sql: 'SELECT 1 AS a', ports: [] }, position: at },
  ];
  const edges: Workflow['edges'] = [];
  for (let i = 0; i < SQL_PER_WORKFLOW; i++) {
    const id = `q${i}`;
    const wrapped = i % 4 === 0;
    nodes.push({
      id,
      type: 'sql.query',
      params: {
        sql: hostileSql(rand, targets, w * 1000 + i),
        ports: wrapped ? [{ name: 'input', type: 'table' }] : [],
      },
      position: at,
    });
    if (wrapped)
      edges.push({ id: `e${i}`, source: 'src', sourcePort: 'table', target: id, targetPort: 'input' });
  }
  for (let i = 0; i < 10; i++) {
    const type = ['csv.read', 'parquet.read', 'json.read'][i % 3]!;
    nodes.push({ id: `f${i}`, type, params: { path: hostilePath(rand, targets, 'pipe.csv') }, position: at });
  }
  for (let i = 0; i < 10; i++) {
    const filter = i % 2 === 0;
    const id = `t${i}`;
    nodes.push({
      id,
      type: filter ? 'table.filter' : 'table.select',
      params: filter
        ? { where: hostileExpression(rand, targets, i) }
        : { columns: hostileExpression(rand, targets, i) },
      position: at,
    });
    edges.push({ id: `te${i}`, source: 'src', sourcePort: 'table', target: id, targetPort: 'table' });
  }
  return { sluice: 1, name: `Fuzz ${w}`, nodes, edges };
}

it(
  `${WORKFLOWS * (SQL_PER_WORKFLOW + 20)} hostile inputs: the host answers, touches nothing, leaves nothing`,
  { timeout: 120_000 },
  async () => {
    const home = path.join(os.homedir(), '.duckdb');
    const homeBefore = existsSync(home) ? await snapshot(home) : 'absent';
    const canaryBefore = await snapshot(targets.canary);
    const workspaceBefore = await snapshot(workspace);
    const cwdBefore = readdirSync(process.cwd()).sort().join('\n');
    const rand = prng(20261201);
    let refused = 0;
    for (let w = 0; w < WORKFLOWS; w++) {
      const workflow = workflowOf(w, rand);
      const file = `fuzz-${w}.sluice.json`;
      const [problems, inferred] = await Promise.all([
        service.call('workflow:validate', { workflow, path: file }),
        service.call('workflow:infer', { workflow, path: file }),
      ]);
      const text = JSON.stringify([problems, inferred]);
      expect(text).not.toContain(SECRET);
      refused += inferred.problems.length;
    }
    // Most hostile nodes are refused with a problem naming them; none got through to act.
    expect(refused).toBeGreaterThan(WORKFLOWS * SQL_PER_WORKFLOW * 0.8);
    expect(hits).toBe(0);
    expect(await snapshot(targets.canary)).toBe(canaryBefore);
    expect(await snapshot(workspace)).toBe(workspaceBefore);
    expect(readdirSync(process.cwd()).sort().join('\n')).toBe(cwdBefore);
    expect(existsSync(home) ? await snapshot(home) : 'absent').toBe(homeBefore);

    // Still up, and still right.
    const good: Workflow = {
      sluice: 1,
      name: 'Good',
      nodes: [{ id: 'g', type: 'csv.read', params: { path: 'good.csv' }, position: { x: 0, y: 0 } }],
      edges: [],
    };
    const after = await service.call('workflow:infer', { workflow: good, path: 'good.sluice.json' });
    expect(after.outputTypes['g']).toEqual({ table: 'table{id:integer,name:string}' });
    // The host keeps one spare inference process; once closed, nothing is left.
    await service.close();
    closed = true;
    for (let i = 0; i < 100 && children().length > 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(children()).toEqual([]);
  },
);
