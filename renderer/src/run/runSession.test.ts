// The run session against the real `sluice serve` server and host service, through the renderer's
// WebSocket host client: runs, refusals, early events, stop.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { HostClient } from '../../../engine/hostApi/api.js';
import { serializeWorkflow } from '../../../engine/model/save.js';
import type { Workflow } from '../../../engine/model/workflow.js';
import { startServer, type SluiceServer } from '../../../engine/server/httpServer.js';
import { createHostService, type HostService } from '../../../engine/host/hostService.js';
import { createWebSocketHost, type WebSocketHost, type WebSocketLike } from '../host/wsClient.js';
import { createEditorStore, type EditorStore } from '../store/index.js';
import { createPanelStore } from './panelStore.js';
import { isTerminal } from './runState.js';
import { RunSession } from './runSession.js';
import { createRunStore, type RunStore } from './runStore.js';

const TOKEN = 'd'.repeat(64);
const panelStore = createPanelStore();
let workspace: string;
let service: HostService;
let server: SluiceServer;
let host: WebSocketHost;

const node = (id: string, type: string, params: Record<string, unknown>) => ({
  id,
  type,
  params,
  position: { x: 0, y: 0 },
});

const COUNT: Workflow = {
  sluice: 1,
  name: 'Count',
  nodes: [node('numbers', 'core.sequence', { from: 1, to: 5 }), node('print', 'core.log', {})],
  edges: [{ id: 'e1', source: 'numbers', sourcePort: 'out', target: 'print', targetPort: 'in' }],
};

beforeAll(async () => {
  workspace = await mkdtemp(path.join(os.tmpdir(), 'sluice-runsession-'));
  service = await createHostService({ workspace, confine: true, usePool: false });
  server = await startServer({ service, token: TOKEN, port: 0, staticDir: workspace });
  host = createWebSocketHost(`ws://127.0.0.1:${server.port}/api/ws`, TOKEN, {
    connect: (url) => new WebSocket(url) as unknown as WebSocketLike,
  });
});
afterAll(async () => {
  host.close();
  await server.close();
  await service.close();
  await rm(workspace, { recursive: true, force: true });
});

async function setup(doc: Workflow, client: HostClient = host) {
  const editor: EditorStore = createEditorStore({ checkDelayMs: 0 });
  editor.getState().setNodeTypes(await host.call('nodes:list', {}));
  expect(editor.getState().loadDocument('w.sluice.json', serializeWorkflow(doc))).toEqual({ ok: true });
  editor.getState().setView('editor');
  const runs: RunStore = createRunStore();
  const session = new RunSession(client, editor, runs, panelStore);
  const disconnect = session.connect();
  return { editor, runs, session, disconnect };
}

function ended(runs: RunStore): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      const run = runs.getState().run;
      if (run && isTerminal(run.status)) {
        unsubscribe();
        resolve();
      }
    };
    const unsubscribe = runs.subscribe(check);
    check();
  });
}

describe('RunSession', () => {
  it('runs the document and folds its events into the run store', async () => {
    const { editor, runs, session, disconnect } = await setup(COUNT);
    await session.start();
    await ended(runs);
    const run = runs.getState().run!;
    expect(run.status).toBe('completed');
    expect(run.nodes.numbers!.timeline).toEqual(['pending', 'starting', 'running', 'completed']);
    expect(run.nodes.print!.timeline).toEqual(['pending', 'starting', 'running', 'completed']);
    expect(run.edges.e1).toMatchObject({ sent: 5, received: 5 });
    expect(run.logs.map((l) => l.message)).toEqual(['1', '2', '3', '4', '5', '5 values']);
    expect(panelStore.getState().tab).toBe('logs');
    // Opening another document clears the ended run's marks; an edit does not.
    editor.getState().moveNodes(new Map([['print', { x: 10, y: 10 }]]), false);
    expect(runs.getState().run).not.toBeNull();
    editor.getState().newDocument();
    expect(runs.getState().run).toBeNull();
    disconnect();
  });

  it('applies events that arrive before run:start answers', async () => {
    // The same client, but its run:start answer comes late: every event of the run is here first.
    const late: HostClient = {
      kind: host.kind,
      onRunEvents: (l) => host.onRunEvents(l),
      call: async (method, params) => {
        const result = await host.call(method, params);
        if (method === 'run:start') await new Promise((r) => setTimeout(r, 1500));
        return result;
      },
    };
    const { runs, session, disconnect } = await setup(COUNT, late);
    await session.start();
    await ended(runs);
    expect(runs.getState().run!.status).toBe('completed');
    expect(runs.getState().run!.logs.at(-1)!.message).toBe('5 values');
    disconnect();
  });

  it('a run started in one tab reaches that tab only', async () => {
    const otherTab = createWebSocketHost(`ws://127.0.0.1:${server.port}/api/ws`, TOKEN, {
      connect: (url) => new WebSocket(url) as unknown as WebSocketLike,
    });
    const batchesInOtherTab: string[] = [];
    otherTab.onRunEvents((runId) => batchesInOtherTab.push(runId));
    const first = await setup(COUNT);
    const second = await setup(COUNT, otherTab);
    await first.session.start();
    await ended(first.runs);
    expect(first.runs.getState().run!.status).toBe('completed');
    // Its last batch went out at once; give a stray one time to arrive before saying none did.
    await new Promise((r) => setTimeout(r, 200));
    expect(batchesInOtherTab).toEqual([]);
    expect(second.runs.getState().run).toBeNull();
    first.disconnect();
    second.disconnect();
    otherTab.close();
  });

  it('refuses to run a graph with errors and shows the problems', async () => {
    const broken: Workflow = { ...COUNT, edges: [] }; // print's input is not connected
    const { editor, runs, session, disconnect } = await setup(broken);
    panelStore.getState().show('logs');
    await session.start();
    expect(runs.getState().run).toBeNull();
    expect(panelStore.getState().tab).toBe('problems');
    expect(editor.getState().notices.at(-1)?.text).toMatch(/Cannot run: \d+ problems? to fix first/);
    disconnect();
  });

  it('stops a long run: the source ends cancelled, the sink drains and completes', async () => {
    const long: Workflow = {
      ...COUNT,
      nodes: [
        node('numbers', 'core.sequence', { from: 1, to: 100000, intervalMs: 10 }),
        node('print', 'core.log', {}),
      ],
    };
    const { runs, session, disconnect } = await setup(long);
    await session.start();
    await expect.poll(() => runs.getState().run?.nodes.print?.status, { timeout: 10_000 }).toBe('running');
    await session.pauseResume();
    await expect.poll(() => runs.getState().run?.status).toBe('paused');
    await session.pauseResume();
    await expect.poll(() => runs.getState().run?.status).toBe('running');
    await session.stop();
    await ended(runs);
    const run = runs.getState().run!;
    expect(run.status).toBe('cancelled');
    // Stop drains: the source is cancelled, the sink takes what was sent and completes.
    expect(Object.values(run.nodes).map((n) => n.status)).toEqual(['cancelled', 'completed']);
    disconnect();
  });

  it('Stop again while it drains aborts: the busy node is killed, the run ends cancelled at once', async () => {
    const busy: Workflow = {
      ...COUNT,
      nodes: [
        node('numbers', 'core.sequence', { from: 1, to: 100000, intervalMs: 5 }),
        node('print', 'core.map', {
          code: 'x => { const end = Date.now() + 60000; while (Date.now() < end); }',
        }),
      ],
    };
    const { runs, session, disconnect } = await setup(busy);
    await session.start();
    await expect.poll(() => runs.getState().run?.nodes.print?.status, { timeout: 10_000 }).toBe('running');
    void session.stop();
    await expect.poll(() => runs.getState().run?.nodes.numbers?.status).toBe('cancelled');
    // Draining: the busy node holds the run, and Stop's request is still in flight.
    expect(runs.getState().busy).toBe('stop');
    const t0 = Date.now();
    await session.stop();
    expect(Date.now() - t0).toBeLessThan(2_000);
    await ended(runs);
    const run = runs.getState().run!;
    expect(run.status).toBe('cancelled');
    expect(run.nodes.print?.status).toBe('cancelled');
    await expect.poll(() => runs.getState().busy).toBeNull();
    disconnect();
  });

  it('catches up with run:get after the WebSocket drops mid-run', async () => {
    const sockets: WebSocket[] = [];
    const flaky = createWebSocketHost(`ws://127.0.0.1:${server.port}/api/ws`, TOKEN, {
      connect: (url) => {
        const ws = new WebSocket(url);
        sockets.push(ws);
        return ws as unknown as WebSocketLike;
      },
      reconnectDelaysMs: [400],
    });
    const slow: Workflow = {
      ...COUNT,
      nodes: [
        node('numbers', 'core.sequence', { from: 1, to: 40, intervalMs: 30 }),
        node('print', 'core.log', {}),
      ],
    };
    const { runs, session, disconnect } = await setup(slow, flaky);
    await session.start();
    await expect.poll(() => runs.getState().run?.logs.length ?? 0, { timeout: 10_000 }).toBeGreaterThan(2);
    sockets.at(-1)!.terminate(); // events sent in the next 400 ms never reach this client
    await ended(runs);
    const run = runs.getState().run!;
    expect(run.status).toBe('completed');
    expect(run.logs.map((l) => l.message)).toEqual([
      ...Array.from({ length: 40 }, (_, i) => String(i + 1)),
      '40 values',
    ]);
    expect(run.edges.e1).toMatchObject({ sent: 40, received: 40 });
    disconnect();
    flaky.close();
  });
});
