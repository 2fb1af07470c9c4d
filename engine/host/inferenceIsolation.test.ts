// Inference cannot act: node types work out their output types in a separate, short-lived process
// (never the host), a timeout kills it, and special files are refused by name without delaying others.
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Problem } from '../model/problem.js';
import type { Workflow } from '../model/workflow.js';
import { createHostService, type HostService } from './hostService.js';

let dir: string;
let service: HostService;

const SPY_NODE = `import { writeFileSync } from 'node:fs';
export default {
  type: 'test.spy', title: 'Spy', category: 'Test', description: 'Writes its pid when asked its types.',
  inputs: [], outputs: [{ name: 'out', type: 'json' }],
  params: [{ key: 'file', kind: 'string' }, { key: 'hang', kind: 'boolean' }],
  async run() {},
  async inferOutputs({ params }) {
    writeFileSync(params.file, String(process.pid));
    if (params.hang) for (;;) {}
    return { out: 'integer' };
  },
};
`;

function single(node: Workflow['nodes'][number]): Workflow {
  return { sluice: 1, name: 'One', nodes: [node], edges: [] };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function gone(pid: number): Promise<boolean> {
  for (let i = 0; i < 100 && alive(pid); i++) await new Promise((r) => setTimeout(r, 20));
  return !alive(pid);
}

beforeAll(async () => {
  dir = await realpath(await mkdtemp(path.join(os.tmpdir(), 'sluice-isolation-')));
  await mkdir(path.join(dir, 'nodes'));
  await writeFile(path.join(dir, 'nodes', 'spy.mjs'), SPY_NODE);
  await writeFile(path.join(dir, 'good.csv'), 'id,name\n1,a\n2,b\n');
  for (let i = 0; i < 6; i++) execFileSync('mkfifo', [path.join(dir, `pipe${i}.csv`)]);
  service = await createHostService({
    workspace: dir,
    confine: true,
    userNodesDir: path.join(dir, 'nodes'),
    runsDir: path.join(dir, 'runs'),
    inferTimeoutMs: 1500,
  });
});

afterAll(async () => {
  await service.close();
  await rm(dir, { recursive: true, force: true });
});

describe('the inference process', () => {
  it('answers from a separate process that is gone once the check ends', async () => {
    const pidFile = path.join(dir, 'spy.pid');
    const workflow = single({
      id: 'spy',
      type: 'test.spy',
      params: { file: pidFile },
      position: { x: 0, y: 0 },
    });
    const result = await service.call('workflow:infer', { workflow });
    expect(result.outputTypes['spy']).toEqual({ out: 'integer' });
    const pid = Number(await readFile(pidFile, 'utf8'));
    expect(pid).toBeGreaterThan(0);
    expect(pid).not.toBe(process.pid);
    expect(await gone(pid)).toBe(true);
  });

  it('is killed when an answer takes too long; the problem names the node', async () => {
    const pidFile = path.join(dir, 'hang.pid');
    const workflow = single({
      id: 'stuck',
      type: 'test.spy',
      params: { file: pidFile, hang: true },
      position: { x: 0, y: 0 },
    });
    const started = Date.now();
    const problems = await service.call('workflow:validate', { workflow });
    expect(Date.now() - started).toBeLessThan(5000);
    const p = problems.find((x: Problem) => x.nodeId === 'stuck');
    expect(p?.message).toMatch(/^Node "stuck" \(test\.spy\).*no answer within 1\.5 s/);
    expect(await gone(Number(await readFile(pidFile, 'utf8')))).toBe(true);
  });

  it('refuses a FIFO by name, and FIFOs do not delay other checks', async () => {
    const fifoChecks = [0, 1, 2, 3, 4, 5].map((i) =>
      service.call('workflow:validate', {
        workflow: single({
          id: `pipe${i}`,
          type: 'csv.read',
          params: { path: `pipe${i}.csv` },
          position: { x: 0, y: 0 },
        }),
      }),
    );
    const good = await service.call('workflow:infer', {
      workflow: single({
        id: 'good',
        type: 'csv.read',
        params: { path: 'good.csv' },
        position: { x: 0, y: 0 },
      }),
    });
    expect(good.problems).toEqual([]);
    expect(good.outputTypes['good']).toEqual({ table: 'table{id:integer,name:string}' });
    const results = await Promise.all(fifoChecks);
    for (const [i, problems] of results.entries()) {
      expect(problems.find((x) => x.nodeId === `pipe${i}`)?.message).toMatch(
        /^Node "pipe\d" \(csv\.read\).*pipe\d\.csv is a FIFO \(named pipe\), not a regular file/,
      );
    }
  });
});
