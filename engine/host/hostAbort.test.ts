// Abort through the host API (issue 9), with the real host service and real node processes: while a
// Stop drains (a busy node would hold it for the whole grace period), `run:abort` kills every node
// process at once and the run ends cancelled; an ended run cannot be aborted.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunEvent } from '../model/run.js';
import type { Workflow } from '../model/workflow.js';
import { isAlive, recordingLauncher } from '../runtime/host/testSupport.js';
import { createHostService, type HostService } from './hostService.js';

let workspace: string;
let service: HostService;
const launcher = recordingLauncher();

beforeAll(async () => {
  workspace = await mkdtemp(path.join(os.tmpdir(), 'sluice-abort-'));
  service = await createHostService({ workspace, confine: true, usePool: false, launcher });
});
afterAll(async () => {
  await service.close();
  await rm(workspace, { recursive: true, force: true });
});

const at = { x: 0, y: 0 };
const BUSY: Workflow = {
  sluice: 1,
  name: 'Busy',
  nodes: [
    { id: 'src', type: 'core.sequence', params: { from: 1, to: 1e9, intervalMs: 1 }, position: at },
    // Busy for a minute per value, deaf to its signal: only a kill ends it.
    {
      id: 'busy',
      type: 'core.map',
      params: { code: 'x => { const end = Date.now() + 60000; while (Date.now() < end); }' },
      position: at,
    },
    { id: 'sink', type: 'core.collect', params: {}, position: at },
  ],
  edges: [
    { id: 'e1', source: 'src', sourcePort: 'out', target: 'busy', targetPort: 'in' },
    { id: 'e2', source: 'busy', sourcePort: 'out', target: 'sink', targetPort: 'in' },
  ],
};

describe('run:abort', () => {
  it('kills every node at once while Stop drains; the run ends cancelled and no process is left', async () => {
    const events: RunEvent[] = [];
    const session = service.openSession((_runId, batch) => events.push(...batch));
    const first = launcher.pids.length;
    const { runId } = await session.call('run:start', { workflow: BUSY });
    // The run's node processes (core types need no inference process).
    const pids = () => launcher.pids.slice(first);
    await expect
      .poll(() => events.some((e) => e.kind === 'edge-counts' && e.counts.some((c) => c.sent > 0)), {
        timeout: 20_000,
      })
      .toBe(true);
    expect(pids()).toHaveLength(3);

    let stopAnswered = false;
    const stopping = session.call('run:stop', { runId }).then(() => (stopAnswered = true));
    await expect
      .poll(() =>
        events.some((e) => e.kind === 'node-status' && e.nodeId === 'src' && e.status === 'cancelled'),
      )
      .toBe(true);
    // The drain waits for the busy node (grace: 10 s): Stop has not answered, the processes live.
    await new Promise((r) => setTimeout(r, 500));
    expect(stopAnswered).toBe(false);
    expect(pids().filter(isAlive).length).toBeGreaterThanOrEqual(2);

    const t0 = Date.now();
    expect(await session.call('run:abort', { runId })).toEqual({ ok: true });
    expect(Date.now() - t0).toBeLessThan(1_500);
    expect(pids().filter(isAlive)).toEqual([]);
    await stopping;
    const record = await service.call('run:get', { runId });
    expect(record.status).toBe('cancelled');
    expect(record.nodes.busy?.status).toBe('cancelled');
    expect(record.nodes.sink?.status).toBe('cancelled');

    await expect(session.call('run:abort', { runId })).rejects.toThrow(/is not running/);
    session.close();
  });
});
