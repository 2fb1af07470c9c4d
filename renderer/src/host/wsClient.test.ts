// The renderer's WebSocket host client against the real `sluice serve` server and host service.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { HostError } from '../../../engine/hostApi/errors.js';
import type { RunEvent } from '../../../engine/model/run.js';
import type { Workflow } from '../../../engine/model/workflow.js';
import { startServer, type SluiceServer } from '../../../engine/server/httpServer.js';
import { createHostService, type HostService } from '../../../engine/host/hostService.js';
import { createWebSocketHost, type ConnectionState, type WebSocketLike } from './wsClient.js';

const TOKEN = 'c'.repeat(64);
let workspace: string;
let service: HostService;
let server: SluiceServer;

const connect = (url: string) => new WebSocket(url) as unknown as WebSocketLike;
const wsUrl = () => `ws://127.0.0.1:${server.port}/api/ws`;

const workflow: Workflow = {
  sluice: 1,
  name: 'Count',
  nodes: [
    { id: 'numbers', type: 'core.sequence', params: { from: 1, to: 5 }, position: { x: 0, y: 0 } },
    { id: 'print', type: 'core.log', params: {}, position: { x: 200, y: 0 } },
  ],
  edges: [{ id: 'e1', source: 'numbers', sourcePort: 'out', target: 'print', targetPort: 'in' }],
};

beforeAll(async () => {
  workspace = await mkdtemp(path.join(os.tmpdir(), 'sluice-wsclient-'));
  service = await createHostService({ workspace, confine: true, usePool: false });
  server = await startServer({ service, token: TOKEN, port: 0, staticDir: workspace });
});
afterAll(async () => {
  await server.close();
  await service.close();
  await rm(workspace, { recursive: true, force: true });
});

describe('createWebSocketHost', () => {
  it('calls host methods and receives run event batches', async () => {
    const host = createWebSocketHost(wsUrl(), TOKEN, { connect });
    expect(host.kind).toBe('server');
    const nodes = await host.call('nodes:list', {});
    expect(nodes.map((n) => n.type)).toContain('core.log');

    const events: RunEvent[] = [];
    const finished = new Promise<void>((resolve) =>
      host.onRunEvents((_runId, batch) => {
        events.push(...batch);
        if (batch.some((e) => e.kind === 'run-status' && e.status === 'completed')) resolve();
      }),
    );
    const { runId } = await host.call('run:start', { workflow });
    await finished;
    expect(events.every((e) => e.runId === runId)).toBe(true);
    expect(events.filter((e) => e.kind === 'log').map((e) => (e as { message: string }).message)).toContain(
      '5 values',
    );
    host.close();
  });

  it('turns host errors into HostError with the problems of a refused run', async () => {
    const host = createWebSocketHost(wsUrl(), TOKEN, { connect });
    const bad = { ...workflow, edges: [{ ...workflow.edges[0]!, targetPort: 'nope' }] };
    const err = await host.call('run:start', { workflow: bad }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HostError);
    expect((err as HostError).message).toContain('cannot run');
    expect((err as HostError).problems?.some((p) => p.edgeId === 'e1' || p.nodeId === 'print')).toBe(true);
    await expect(host.call('workflow:open', { path: '../x.sluice.json' })).rejects.toThrow(
      /outside the workspace/,
    );
    host.close();
    await expect(host.call('nodes:list', {})).rejects.toThrow(/closed/);
  });

  it('fails clearly with a wrong token, and reconnects after the server restarts', async () => {
    const wrong = createWebSocketHost(wsUrl(), 'wrong-token', {
      connect,
      connectTimeoutMs: 500,
      reconnectDelaysMs: [100],
    });
    await expect(wrong.call('nodes:list', {})).rejects.toThrow(/Cannot reach sluice serve .* URL it printed/);
    wrong.close();

    const states: ConnectionState[] = [];
    const host = createWebSocketHost(wsUrl(), TOKEN, { connect, reconnectDelaysMs: [50, 100] });
    host.onConnectionState((s) => states.push(s));
    await host.call('run:list', {});
    const port = server.port;
    await server.close();
    server = await startServer({ service, token: TOKEN, port, staticDir: workspace });
    // Requests made while the connection is down wait for it to come back.
    expect(Array.isArray(await host.call('run:list', {}))).toBe(true);
    expect(states).toContain('closed');
    expect(states.at(-1)).toBe('open');
    host.close();
  });
});
