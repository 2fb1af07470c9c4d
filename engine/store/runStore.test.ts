// Run history with real runs (real node processes) and real files.
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunEvent } from '../model/run.js';
import type { Workflow } from '../model/workflow.js';
import { createRegistry } from '../nodes/registry.js';
import { startRun } from '../runtime/host/runController.js';
import { EVENTS_FILE, RunStore, SUMMARY_FILE } from './runStore.js';

let base: string;
let runsDir: string;

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
  runsDir = path.join(base, 'runs');
  await mkdir(runsDir);
});
afterAll(() => rm(base, { recursive: true, force: true }));

describe('RunStore', () => {
  it('writes run.json and a capped events.ndjson that keeps every status event', async () => {
    const store = new RunStore({ runsDir, limits: { logLines: 10, updates: 1000 } });
    const handle = await startRun({
      workflow: chatty,
      baseDir: base,
      runsDir,
      registry: await createRegistry(),
    });
    store.record(handle);
    await handle.done;
    await store.flush();

    const summary = JSON.parse(await readFile(path.join(handle.runDir, SUMMARY_FILE), 'utf8'));
    expect(summary).toMatchObject({ runId: handle.runId, status: 'completed', workflowName: 'Chatty' });
    expect(summary.droppedEvents.log).toBeGreaterThanOrEqual(31); // 41 lines logged, 10 kept
    const events = (await readFile(path.join(handle.runDir, EVENTS_FILE), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as RunEvent);
    expect(events.filter((e) => e.kind === 'log')).toHaveLength(10);
    expect(events.filter((e) => e.kind === 'node-status' && e.status === 'completed')).toHaveLength(2);
    expect(events.at(-1)).toMatchObject({ kind: 'run-status', status: 'completed' });
    expect(await readdir(handle.runDir)).not.toContainEqual(expect.stringMatching(/\.tmp$/));

    // A fresh store (a restarted host) reads the same history.
    const again = new RunStore({ runsDir });
    expect((await again.list()).map((r) => r.runId)).toContain(handle.runId);
    expect((await again.get(handle.runId))?.events).toEqual(events);
  });

  it('skips a corrupt run folder with a warning, and marks a run cut short by a host crash as failed', async () => {
    await mkdir(path.join(runsDir, 'broken'));
    await writeFile(path.join(runsDir, 'broken', SUMMARY_FILE), '{"runId": "broken", "stat');
    await mkdir(path.join(runsDir, 'interrupted'));
    await writeFile(
      path.join(runsDir, 'interrupted', SUMMARY_FILE),
      JSON.stringify({ runId: 'interrupted', workflowName: 'W', status: 'running', startedAt: 1, nodes: {} }),
    );
    await writeFile(
      path.join(runsDir, 'interrupted', EVENTS_FILE),
      '{"runId":"interrupted","seq":0,"time":1,"kind":"run-status","status":"running"}\n{"runId":"inter',
    );
    const warnings: string[] = [];
    const store = new RunStore({ runsDir, warn: (m) => warnings.push(m) });
    const runs = await store.list();
    expect(runs.map((r) => r.runId)).not.toContain('broken');
    expect(warnings).toEqual([expect.stringMatching(/broken.*not valid JSON/)]);
    expect(runs.find((r) => r.runId === 'interrupted')).toMatchObject({
      status: 'failed',
      error: { message: expect.stringContaining('host stopped') },
    });
    expect((await store.get('interrupted'))?.events).toHaveLength(1);
    expect(await store.get('../runs')).toBeUndefined();
    expect(store.runDir('../../etc')).toBeUndefined();
  });
});
