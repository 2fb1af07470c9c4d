// Which windows receive a run's events, with the real host service and real node processes: each
// window gets the runs it started, from their first event, and no other window's; a closed window's
// session is let go.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHostService, type HostService } from '../engine/host/hostService.js';
import type { RunEvent } from '../engine/model/run.js';
import type { Workflow } from '../engine/model/workflow.js';
import type { RunEventsPayload } from './contract/ipc.js';
import { WindowSessions } from './windowSessions.js';

interface FakeWindow {
  name: string;
  open: boolean;
  received: RunEvent[];
  onGone?: () => void;
}

const workflow: Workflow = {
  sluice: 1,
  name: 'Count',
  nodes: [
    { id: 'numbers', type: 'core.sequence', params: { from: 1, to: 5 }, position: { x: 0, y: 0 } },
    { id: 'print', type: 'core.log', params: {}, position: { x: 200, y: 0 } },
  ],
  edges: [{ id: 'e1', source: 'numbers', sourcePort: 'out', target: 'print', targetPort: 'in' }],
};

let dir: string;
let service: HostService;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sluice-windows-'));
  service = await createHostService({ workspace: dir, confine: false, usePool: false });
});
afterAll(async () => {
  await service.close();
  await rm(dir, { recursive: true, force: true });
});

function windowSessions() {
  return new WindowSessions<FakeWindow>(service, {
    send: (w: FakeWindow, payload: RunEventsPayload) => {
      if (!w.open) return false;
      w.received.push(...payload.events);
      return true;
    },
    watch: (w, gone) => (w.onGone = gone),
  });
}

const completed = (w: FakeWindow) =>
  expect
    .poll(() => w.received.some((e) => e.kind === 'run-status' && e.status === 'completed'), {
      timeout: 20_000,
    })
    .toBe(true);

describe('WindowSessions', () => {
  it('sends a run only to the window that started it, from its first event', async () => {
    const sessions = windowSessions();
    const a: FakeWindow = { name: 'a', open: true, received: [] };
    const b: FakeWindow = { name: 'b', open: true, received: [] };
    await sessions.of(b).call('nodes:list', {});
    const { runId } = await sessions.of(a).call('run:start', { workflow });
    await completed(a);
    expect(a.received[0]).toMatchObject({ runId, seq: 1 });
    expect(a.received.every((e) => e.runId === runId)).toBe(true);
    expect(b.received).toEqual([]);
    expect(sessions.size).toBe(2);
    sessions.closeAll();
    expect(sessions.size).toBe(0);
  });

  it('lets go of a window that closed, or that can no longer be sent to', async () => {
    const sessions = windowSessions();
    const closed: FakeWindow = { name: 'closed', open: true, received: [] };
    sessions.of(closed);
    closed.onGone?.();
    expect(sessions.size).toBe(0);

    const gone: FakeWindow = { name: 'gone', open: false, received: [] };
    await sessions.of(gone).call('run:start', { workflow });
    await expect.poll(() => sessions.size, { timeout: 20_000 }).toBe(0);
    expect(gone.received).toEqual([]);
  });
});
