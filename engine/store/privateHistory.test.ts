// Private history: the history database and a run's folder with everything in it (recorded outputs,
// tables, collected values) are for the user alone — folders 0700, files 0600 — whatever the umask allows.
import { mkdtemp, readdir, realpath, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RunSummary } from '../model/run.js';
import type { Workflow } from '../model/workflow.js';
import { createHostService } from '../host/hostService.js';

let dir: string;

beforeAll(async () => {
  dir = await realpath(await mkdtemp(path.join(os.tmpdir(), 'sluice-private-')));
  await writeFile(path.join(dir, 'people.csv'), 'id,name\n1,ann\n2,bob\n');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const workflow: Workflow = {
  sluice: 1,
  name: 'Private',
  nodes: [
    { id: 'read', type: 'csv.read', params: { path: 'people.csv' }, position: { x: 0, y: 0 } },
    {
      id: 'q',
      type: 'sql.query',
      params: { sql: 'SELECT name FROM input', checkpoint: true },
      position: { x: 200, y: 0 },
    },
    { id: 'look', type: 'data.inspect', params: {}, position: { x: 400, y: 0 } },
    { id: 'nums', type: 'core.sequence', params: { from: 1, to: 3 }, position: { x: 0, y: 200 } },
    { id: 'keep', type: 'core.collect', params: {}, position: { x: 200, y: 200 } },
  ],
  edges: [
    { id: 'e1', source: 'read', sourcePort: 'table', target: 'q', targetPort: 'input' },
    { id: 'e2', source: 'q', sourcePort: 'table', target: 'look', targetPort: 'in' },
    { id: 'e3', source: 'nums', sourcePort: 'out', target: 'keep', targetPort: 'in' },
  ],
};

async function walk(folder: string): Promise<string[]> {
  const out = [folder];
  for (const e of await readdir(folder, { withFileTypes: true })) {
    const p = path.join(folder, e.name);
    if (e.isDirectory()) out.push(...(await walk(p)));
    else out.push(p);
  }
  return out;
}

it('writes run folders 0700 and the history database, outputs and tables 0600', async () => {
  const runsDir = path.join(dir, '.sluice', 'runs');
  const service = await createHostService({ workspace: dir, confine: true, usePool: false });
  const { runId } = await service.call('run:start', { workflow, path: 'flow.sluice.json' });
  let summary: RunSummary;
  for (;;) {
    summary = await service.call('run:get', { runId });
    if (['completed', 'failed', 'cancelled'].includes(summary.status)) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  expect(summary.status).toBe('completed');
  await service.close();

  const runDir = path.join(runsDir, runId);
  const entries = await walk(runDir);
  const names = entries.map((p) => path.relative(runDir, p));
  // The run wrote a recorded output, a checkpoint table and collected values.
  expect(names).toEqual(expect.arrayContaining(['tables/q.table.parquet', 'keep.json']));
  expect(names.some((n) => n.startsWith('outputs/'))).toBe(true);
  for (const p of entries) {
    const s = await stat(p);
    expect([path.relative(runDir, p), (s.mode & 0o777).toString(8)]).toEqual([
      path.relative(runDir, p),
      s.isDirectory() ? '700' : '600',
    ]);
  }
  for (const folder of [runsDir, path.dirname(runsDir)]) {
    expect(((await stat(folder)).mode & 0o077).toString(8)).toBe('0');
  }
  // The history database (and its write-ahead log) beside the run folders.
  for (const f of ['history.db', 'history.db-wal', 'history.db-shm']) {
    const file = path.join(path.dirname(runsDir), f);
    expect([f, ((await stat(file)).mode & 0o777).toString(8)]).toEqual([f, '600']);
  }
});
