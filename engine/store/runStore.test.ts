// Run history in SQLite with real runs (real node processes) and real files.
import { statSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Workflow } from '../model/workflow.js';
import { createRegistry } from '../nodes/registry.js';
import { startRun } from '../runtime/host/runController.js';
import { openHistoryDb } from './historyDb.js';
import Database from 'libsql';
import { MIGRATIONS, SCHEMA_VERSION, userVersion } from './historySchema.js';
import { LEGACY_EVENTS_FILE, LEGACY_SUMMARY_FILE } from './runImport.js';
import { RunStore } from './runStore.js';

let base: string;

const chatty: Workflow = {
  sluice: 1,
  name: 'Chatty',
  nodes: [
    { id: 'numbers', type: 'core.sequence', params: { from: 1, to: 40 }, position: { x: 0, y: 0 } },
    { id: 'print', type: 'core.log', params: {}, position: { x: 200, y: 0 } },
  ],
  edges: [{ id: 'e1', source: 'numbers', sourcePort: 'out', target: 'print', targetPort: 'in' }],
};

beforeAll(async () => {
  base = await mkdtemp(path.join(os.tmpdir(), 'sluice-store-'));
});
afterAll(() => rm(base, { recursive: true, force: true }));

async function freshRunsDir(name: string): Promise<string> {
  const runsDir = path.join(base, name, 'runs');
  await mkdir(runsDir, { recursive: true });
  return runsDir;
}

describe('RunStore', () => {
  it('records a run with its workflow, node counters and capped events; a restarted host reads it back', async () => {
    const runsDir = await freshRunsDir('record');
    const store = new RunStore({ runsDir, limits: { logLines: 10, updates: 1000 } });
    const handle = await startRun({
      workflow: chatty,
      baseDir: base,
      runsDir,
      registry: await createRegistry(),
    });
    store.record(handle, { workflow: chatty, startedBy: 'cli' });
    await handle.done;
    await store.flush();
    const live = await store.get(handle.runId);
    await store.close();

    // The database is the user's alone, in WAL mode.
    expect(statSync(path.join(base, 'record', 'history.db')).mode & 0o777).toBe(0o600);
    expect(statSync(path.join(base, 'record', 'history.db-wal')).mode & 0o777).toBe(0o600);

    const again = new RunStore({ runsDir });
    const [run] = await again.list();
    expect(run).toMatchObject({
      runId: handle.runId,
      status: 'completed',
      workflowName: 'Chatty',
      startedBy: 'cli',
      workflowHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      nodes: { numbers: { status: 'completed', attempt: 1 }, print: { status: 'completed', attempt: 1 } },
    });
    expect(run?.endedAt).toBeGreaterThanOrEqual(run?.startedAt ?? Infinity);
    expect(run?.droppedEvents?.log).toBeGreaterThanOrEqual(31); // 41 lines logged, 10 kept
    const stored = await again.get(handle.runId);
    expect(stored?.events).toEqual(live?.events);
    expect(stored?.events.filter((e) => e.kind === 'log')).toHaveLength(10);
    expect(stored?.events.filter((e) => e.kind === 'node-status' && e.status === 'completed')).toHaveLength(
      2,
    );
    expect(stored?.events.at(-1)).toMatchObject({ kind: 'run-status', status: 'completed' });
    expect(await again.workflowOf(handle.runId)).toEqual(chatty);
    await again.close();

    // Each node's counters: what it sent and took, exactly.
    const db = openHistoryDb(path.join(base, 'record', 'history.db'));
    expect(db.prepare('SELECT node_id, sent, received FROM run_nodes ORDER BY node_id').all()).toEqual([
      { node_id: 'numbers', sent: 40, received: 0 },
      { node_id: 'print', sent: 0, received: 40 },
    ]);
    expect(db.prepare('PRAGMA journal_mode').get()).toMatchObject({ journal_mode: 'wal' });
    expect(userVersion(db)).toBe(SCHEMA_VERSION);
    db.close();
  });

  it('filters by workflow and state and pages with a cursor, newest first', async () => {
    const runsDir = await freshRunsDir('filter');
    const store = new RunStore({ runsDir });
    const registry = await createRegistry();
    const failing: Workflow = {
      ...chatty,
      name: 'Failing',
      nodes: [
        chatty.nodes[0]!,
        {
          id: 'print',
          type: 'core.map',
          params: { code: 'x => { throw new Error("no") }' },
          position: { x: 0, y: 0 },
        },
      ],
    };
    const ids: string[] = [];
    for (const wf of [chatty, failing, chatty]) {
      const handle = await startRun({ workflow: wf, baseDir: base, runsDir, registry });
      store.record(handle, { workflow: wf, startedBy: 'rest' });
      await handle.done;
      ids.push(handle.runId);
    }
    await store.flush();
    expect((await store.list()).map((r) => r.runId)).toEqual([...ids].reverse());
    expect((await store.list({ workflow: 'Chatty' })).map((r) => r.runId)).toEqual([ids[2], ids[0]]);
    expect((await store.list({ state: 'failed' })).map((r) => r.runId)).toEqual([ids[1]]);
    const page1 = await store.list({ limit: 2 });
    const last = page1.at(-1)!;
    const page2 = await store.list({ limit: 2, before: { startedAt: last.startedAt, id: last.runId } });
    expect([...page1, ...page2].map((r) => r.runId)).toEqual([...ids].reverse());
    await store.close();
  });

  it('imports run folders from before the database once: a corrupt one is skipped, an unfinished one failed', async () => {
    const runsDir = await freshRunsDir('import');
    await mkdir(path.join(runsDir, 'broken'));
    await writeFile(path.join(runsDir, 'broken', LEGACY_SUMMARY_FILE), '{"runId": "broken", "stat');
    await mkdir(path.join(runsDir, 'interrupted'));
    await writeFile(
      path.join(runsDir, 'interrupted', LEGACY_SUMMARY_FILE),
      JSON.stringify({ runId: 'interrupted', workflowName: 'W', status: 'running', startedAt: 1, nodes: {} }),
    );
    await writeFile(
      path.join(runsDir, 'interrupted', LEGACY_EVENTS_FILE),
      '{"runId":"interrupted","seq":0,"time":1,"kind":"run-status","status":"running"}\n{"runId":"inter',
    );
    const warnings: string[] = [];
    const store = new RunStore({ runsDir, warn: (m) => warnings.push(m) });
    const runs = await store.list();
    expect(runs.map((r) => r.runId)).toEqual(['interrupted']);
    expect(warnings).toEqual([expect.stringMatching(/broken.*JSON/)]);
    expect(runs[0]).toMatchObject({
      status: 'failed',
      error: { message: expect.stringContaining('host stopped') },
    });
    expect((await store.get('interrupted'))?.events).toHaveLength(1);
    expect(await store.get('../runs')).toBeUndefined();
    expect(store.runDir('../../etc')).toBeUndefined();
    await store.close();

    // Once: a folder that appears later is not imported, and nothing is imported twice.
    await mkdir(path.join(runsDir, 'later'));
    await writeFile(
      path.join(runsDir, 'later', LEGACY_SUMMARY_FILE),
      JSON.stringify({ runId: 'later', workflowName: 'W', status: 'completed', startedAt: 2, nodes: {} }),
    );
    const reopened = new RunStore({ runsDir, warn: (m) => warnings.push(m) });
    expect((await reopened.list()).map((r) => r.runId)).toEqual(['interrupted']);
    expect(warnings).toHaveLength(1);
    await reopened.close();
  });

  it('keeps what the outputs of a run recorded: listed after the run folder is gone', async () => {
    const runsDir = await freshRunsDir('outputs');
    const store = new RunStore({ runsDir });
    const handle = await startRun({
      workflow: chatty,
      baseDir: base,
      runsDir,
      registry: await createRegistry(),
    });
    store.record(handle, { workflow: chatty, startedBy: 'cli' });
    await handle.done;
    await store.flush();
    const recorded = [{ nodeId: 'numbers', port: 'out', kind: 'values', rowCount: 40 }];
    expect(await store.outputs(handle.runId)).toEqual(recorded);
    await rm(path.join(runsDir, handle.runId), { recursive: true });
    expect(await store.outputs(handle.runId)).toEqual(recorded);
    await store.close();
  });

  it('brings a database of schema 1 up to date; its runs list their outputs from their folders', async () => {
    const runsDir = await freshRunsDir('schema1');
    const file = path.join(base, 'schema1', 'history.db');
    const old = new Database(file);
    old.exec(MIGRATIONS[0]!);
    old.pragma('user_version = 1');
    old
      .prepare(
        `INSERT INTO runs (id, workflow_name, state, started_by, created_at, started_at)
         VALUES ('old-run', 'W', 'completed', 'cli', 1, 1)`,
      )
      .run();
    old.close();
    await mkdir(path.join(runsDir, 'old-run', 'outputs'), { recursive: true });
    await writeFile(
      path.join(runsDir, 'old-run', 'outputs', 'src.out.values.json'),
      JSON.stringify({ count: 3, values: [1, 2, 3] }),
    );
    const store = new RunStore({ runsDir });
    expect((await store.list()).map((r) => r.runId)).toEqual(['old-run']);
    expect(await store.outputs('old-run')).toEqual([
      { nodeId: 'src', port: 'out', kind: 'values', rowCount: 3 },
    ]);
    await store.close();
    const db = openHistoryDb(file);
    expect(userVersion(db)).toBe(SCHEMA_VERSION);
    expect(SCHEMA_VERSION).toBeGreaterThanOrEqual(2);
    db.close();
  });

  it('refuses a database from a newer Sluice and leaves it as it is', async () => {
    const runsDir = await freshRunsDir('newer');
    const file = path.join(base, 'newer', 'history.db');
    const db = openHistoryDb(file);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    expect(() => new RunStore({ runsDir })).toThrow(/from a newer Sluice .*left as it is/);
  });
});
