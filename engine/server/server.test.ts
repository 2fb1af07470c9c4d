// `sluice serve`'s server with the real host service, real runs and a real loopback port.
import { request as httpRequest } from 'node:http';
import { mkdir, mkdtemp, readdir, readFile, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { HostEventMessage, HostResponse } from '../hostApi/api.js';
import type { RunEvent, RunSummary } from '../model/run.js';
import type { Workflow } from '../model/workflow.js';
import { createHostService, type HostService } from '../host/hostService.js';
import { startServer, type SluiceServer } from './httpServer.js';

const TOKEN = 'a'.repeat(64);
let base: string;
let workspace: string;
let staticDir: string;
let service: HostService;
let server: SluiceServer;
let hostHeader: string;

const pipeline: Workflow = {
  sluice: 1,
  name: 'Squares',
  nodes: [
    { id: 'numbers', type: 'core.sequence', params: { from: 1, to: 50 }, position: { x: 0, y: 0 } },
    { id: 'square', type: 'core.map', params: { code: 'x => x * x' }, position: { x: 200, y: 0 } },
    { id: 'out', type: 'core.collect', params: {}, position: { x: 400, y: 0 } },
  ],
  edges: [
    { id: 'e1', source: 'numbers', sourcePort: 'out', target: 'square', targetPort: 'in' },
    { id: 'e2', source: 'square', sourcePort: 'out', target: 'out', targetPort: 'in' },
  ],
};

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function http(
  method: string,
  urlPath: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port: server.port,
        method,
        path: urlPath,
        headers: { Host: hostHeader, ...headers },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const bearer = { Authorization: `Bearer ${TOKEN}` };

async function json<T>(
  method: string,
  urlPath: string,
  body?: unknown,
): Promise<{ status: number; data: T }> {
  const headers: Record<string, string> = { ...bearer };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const reply = await http(method, urlPath, headers, body === undefined ? undefined : JSON.stringify(body));
  return { status: reply.status, data: JSON.parse(reply.body) as T };
}

/** Opens a WebSocket; resolves with the socket, or with the HTTP status of a refused upgrade. */
function wsOpen(query: string, headers: Record<string, string> = {}): Promise<WebSocket | number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api/ws${query}`, {
      headers: { Host: hostHeader, ...headers },
    });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.once('error', reject);
  });
}

class WsClient {
  private nextId = 1;
  readonly events: RunEvent[] = [];
  private readonly waiting = new Map<number, (r: HostResponse) => void>();
  constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const msg = JSON.parse(data.toString()) as HostResponse | HostEventMessage;
      if ('event' in msg) this.events.push(...msg.events);
      else this.waiting.get(msg.id)?.(msg);
    });
  }
  static async open(): Promise<WsClient> {
    const ws = await wsOpen(`?token=${TOKEN}`);
    if (typeof ws === 'number') throw new Error(`upgrade refused: ${ws}`);
    return new WsClient(ws);
  }
  send(raw: unknown): Promise<HostResponse> {
    const id = (raw as { id?: number }).id ?? -1;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.ws.send(typeof raw === 'string' ? raw : JSON.stringify(raw));
    });
  }
  call(method: string, params: unknown): Promise<HostResponse> {
    return this.send({ id: this.nextId++, method, params });
  }
}

async function waitFor<T>(
  probe: () => Promise<T | undefined> | T | undefined,
  what: string,
  ms = 20_000,
): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  base = await realpath(await mkdtemp(path.join(os.tmpdir(), 'sluice-server-')));
  workspace = path.join(base, 'ws');
  staticDir = path.join(base, 'static');
  await mkdir(workspace);
  await mkdir(staticDir);
  await mkdir(path.join(base, 'outside'));
  await writeFile(path.join(base, 'outside', 'secret.sluice.json'), '{"secret":true}');
  await symlink(path.join(base, 'outside'), path.join(workspace, 'escape'));
  await writeFile(path.join(staticDir, 'index.html'), '<!doctype html><div id="root"></div>');
  service = await createHostService({ workspace, confine: true });
  server = await startServer({ service, token: TOKEN, port: 0, staticDir });
  hostHeader = `127.0.0.1:${server.port}`;
});

afterAll(async () => {
  await server?.close();
  await service?.close();
  await rm(base, { recursive: true, force: true });
});

describe('sluice serve: who may connect', () => {
  it('prints a URL with the real port and the token', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${TOKEN}`);
    expect(server.port).toBeGreaterThan(0);
  });

  it('needs the token on HTTP: query once (then an HttpOnly SameSite=Strict cookie) or Bearer', async () => {
    expect((await http('GET', '/')).status).toBe(401);
    expect((await http('GET', `/?token=${'b'.repeat(64)}`)).status).toBe(401);
    expect((await http('GET', '/', { Authorization: 'Bearer wrong' })).status).toBe(401);

    const first = await http('GET', `/?token=${TOKEN}`);
    expect(first.status).toBe(200);
    expect(first.body).toContain('id="root"');
    const cookie = String(first.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const pair = cookie.split(';')[0]!;
    expect((await http('GET', '/', { Cookie: pair })).status).toBe(200);
    expect((await http('GET', '/', bearer)).status).toBe(200);
    // A wrong token in the query is refused even beside a good cookie.
    expect((await http('GET', '/?token=nope', { Cookie: pair })).status).toBe(401);
  });

  it('sends security headers', async () => {
    const reply = await http('GET', '/', bearer);
    const csp = String(reply.headers['content-security-policy']);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("worker-src 'self' blob:");
    expect(csp).toContain(`connect-src 'self' ws://${hostHeader}`);
    expect(reply.headers['x-content-type-options']).toBe('nosniff');
    expect(reply.headers['x-frame-options']).toBe('DENY');
    expect(reply.headers['referrer-policy']).toBe('no-referrer');
  });

  it('refuses a Host header that is not this server (DNS rebinding) and a foreign Origin', async () => {
    const evilHost = await http('GET', '/', { ...bearer, Host: `evil.example:${server.port}` });
    expect(evilHost.status).toBe(403);
    expect(evilHost.body).toContain('Host header');
    expect((await http('GET', '/', { ...bearer, Host: 'localhost:1' })).status).toBe(403);
    expect((await http('GET', '/', { ...bearer, Host: `localhost:${server.port}` })).status).toBe(200);
    const evilOrigin = await http('GET', '/api/v1/nodes', { ...bearer, Origin: 'http://evil.example' });
    expect(evilOrigin.status).toBe(403);
    expect(evilOrigin.body).toContain('origin http://evil.example');
    expect((await http('GET', '/api/v1/nodes', { ...bearer, Origin: `http://${hostHeader}` })).status).toBe(
      200,
    );
  });

  it('needs the token, a good Host and a good Origin on the WebSocket upgrade', async () => {
    expect(await wsOpen('')).toBe(401);
    expect(await wsOpen('?token=wrong')).toBe(401);
    expect(await wsOpen(`?token=${TOKEN}`, { Origin: 'http://evil.example' })).toBe(403);
    expect(await wsOpen(`?token=${TOKEN}`, { Host: 'rebind.example' })).toBe(403);
    const ok = await wsOpen(`?token=${TOKEN}`, { Origin: `http://${hostHeader}` });
    expect(ok).toBeInstanceOf(WebSocket);
    (ok as WebSocket).close();
  });

  it('needs the token on the REST API', async () => {
    expect((await http('GET', '/api/v1/nodes')).status).toBe(401);
    expect((await http('GET', '/api/v1/runs')).status).toBe(401);
    expect(
      (await http('POST', '/api/v1/runs', { 'Content-Type': 'application/json' }, JSON.stringify(pipeline)))
        .status,
    ).toBe(401);
    const nodes = await json<Array<{ type: string }>>('GET', '/api/v1/nodes');
    expect(nodes.status).toBe(200);
    expect(nodes.data.map((n) => n.type)).toContain('core.sequence');
  });
});

describe('sluice serve: files', () => {
  it('refuses paths that lead out of the workspace', async () => {
    const client = await WsClient.open();
    for (const p of [
      '../outside/secret.sluice.json',
      path.join(base, 'outside', 'secret.sluice.json'),
      'escape/secret.sluice.json',
    ]) {
      const reply = await client.call('workflow:open', { path: p });
      expect(reply).toMatchObject({ error: { message: expect.stringContaining('outside the workspace') } });
    }
    const save = await client.call('workflow:save', { path: 'escape/new.sluice.json', text: '{}' });
    expect(save).toMatchObject({ error: { message: expect.stringContaining('through a symbolic link') } });
    expect(await readdir(path.join(base, 'outside'))).toEqual(['secret.sluice.json']);
    client.ws.close();
  });

  it('saves atomically: exact bytes, no temp file left, only *.sluice.json', async () => {
    const client = await WsClient.open();
    const text = '{\n  "sluice": 1,\n  "name": "Ünïcødé ✓"\n}\n';
    expect(await client.call('workflow:save', { path: 'flows/a.sluice.json', text })).toMatchObject({
      result: { path: 'flows/a.sluice.json' },
    });
    expect(await readFile(path.join(workspace, 'flows', 'a.sluice.json'), 'utf8')).toBe(text);
    // Overwrite: still exact, still no leftovers.
    const text2 = text.replace('✓', '✗');
    await client.call('workflow:save', { path: 'flows/a.sluice.json', text: text2 });
    expect(await readdir(path.join(workspace, 'flows'))).toEqual(['a.sluice.json']);
    expect(await client.call('workflow:open', { path: 'flows/a.sluice.json' })).toMatchObject({
      result: { path: 'flows/a.sluice.json', text: text2 },
    });

    const txt = await client.call('workflow:save', { path: 'notes.txt', text: 'x' });
    expect(txt).toMatchObject({ error: { message: expect.stringContaining('must end with .sluice.json') } });

    const list = await client.call('workflow:list', {});
    expect(list).toMatchObject({
      result: expect.arrayContaining([{ name: 'flows', path: 'flows', kind: 'directory' }]),
    });
    expect(await client.call('workflow:list', { dir: 'flows' })).toMatchObject({
      result: [{ name: 'a.sluice.json', path: 'flows/a.sluice.json', kind: 'file' }],
    });
    client.ws.close();
  });

  it('lists the examples and opens them read-only', async () => {
    const client = await WsClient.open();
    const reply = (await client.call('workflow:examples', {})) as {
      result: Array<{ name: string; path: string }>;
    };
    expect(reply.result.length).toBeGreaterThanOrEqual(2);
    const first = reply.result[0]!;
    const opened = (await client.call('workflow:open', { path: first.path })) as { result: { text: string } };
    expect(JSON.parse(opened.result.text)).toMatchObject({ name: first.name });
    expect(await client.call('workflow:save', { path: first.path, text: opened.result.text })).toMatchObject({
      error: { message: expect.stringContaining('built-in example') },
    });
    const problems = await client.call('workflow:validate', {
      workflow: JSON.parse(opened.result.text),
      path: first.path,
    });
    expect(problems).toMatchObject({ result: [] });
    client.ws.close();
  });
});

describe('sluice serve: runs', () => {
  it('runs a workflow through REST to completed, streams its events over WS, and keeps it in history across restarts', async () => {
    const client = await WsClient.open();
    // Slow enough to be running when the WebSocket client subscribes to it.
    const slow: Workflow = {
      ...pipeline,
      nodes: pipeline.nodes.map((n) =>
        n.id === 'numbers' ? { ...n, params: { ...n.params, intervalMs: 10 } } : n,
      ),
    };
    const started = await json<{ runId: string }>('POST', '/api/v1/runs', { workflow: slow });
    expect(started.status).toBe(201);
    const { runId } = started.data;
    // A run started through REST reaches a WebSocket client that subscribes to it (issue 8).
    expect(await client.call('run:subscribe', { runId })).toMatchObject({ result: { live: true } });

    const done = await waitFor(async () => {
      const run = await json<RunSummary>('GET', `/api/v1/runs/${runId}`);
      return run.data.status === 'completed' ? run.data : undefined;
    }, 'the run to complete');
    expect(Object.values(done.nodes).map((n) => n.status)).toEqual(['completed', 'completed', 'completed']);
    await waitFor(
      () =>
        client.events.some((e) => e.runId === runId && e.kind === 'run-status' && e.status === 'completed')
          ? true
          : undefined,
      'WS run events',
    );
    // Replayed from the run's first event, though the client subscribed after it started.
    expect(client.events[0]).toMatchObject({ runId, seq: 1 });
    client.ws.close();

    // A new host on the same workspace finds the run in its history.
    await server.close();
    await service.close();
    service = await createHostService({ workspace, confine: true });
    server = await startServer({ service, token: TOKEN, port: server.port, staticDir });
    const list = await json<{ runs: RunSummary[] }>('GET', '/api/v1/runs');
    expect(list.data.runs.find((r) => r.runId === runId)).toMatchObject({
      status: 'completed',
      workflowName: 'Squares',
    });
    // Its events, replayed from the history as Server-Sent Events (the stream ends with the run's).
    const sse = await http('GET', `/api/v1/runs/${runId}/events`, bearer);
    expect(sse.headers['content-type']).toMatch(/^text\/event-stream/);
    const events = sse.body
      .split('\n')
      .filter((l) => l.startsWith('data: '))
      .map((l) => JSON.parse(l.slice(6)) as RunEvent);
    const run = { data: { events } };
    expect(run.data.events.filter((e) => e.kind === 'node-status' && e.status === 'completed')).toHaveLength(
      3,
    );
    expect(run.data.events.at(-1)).toMatchObject({ kind: 'run-status', status: 'completed' });
  });

  it('sends a run only to the WebSocket client that started it, and to one that subscribes (issue 8)', async () => {
    const first = await WsClient.open();
    const second = await WsClient.open();
    const order: string[] = [];
    first.ws.on('message', (data) => {
      const msg = JSON.parse(data.toString()) as HostResponse | HostEventMessage;
      order.push('event' in msg ? 'events' : 'answer');
    });
    const long: Workflow = {
      ...pipeline,
      name: 'Long',
      nodes: pipeline.nodes.map((n) =>
        n.id === 'numbers' ? { ...n, params: { from: 1, to: 100000, intervalMs: 5 } } : n,
      ),
    };
    const started = (await first.call('run:start', { workflow: long })) as { result: { runId: string } };
    const { runId } = started.result;
    // The answer comes first, then the run's events from the first one.
    await waitFor(() => (first.events.length > 0 ? true : undefined), 'the first client’s events');
    expect(order[0]).toBe('answer');
    expect(first.events[0]).toMatchObject({ runId, seq: 1, kind: 'run-status', status: 'running' });
    await waitFor(
      () => (first.events.some((e) => e.kind === 'edge-counts') ? true : undefined),
      'the run to flow',
    );
    // A batch a second of the run has gone to the first client; none to the second.
    await new Promise((r) => setTimeout(r, 300));
    expect(second.events).toEqual([]);

    expect(await second.call('run:subscribe', { runId })).toMatchObject({ result: { live: true } });
    await waitFor(() => (second.events.length > 0 ? true : undefined), 'the second client’s events');
    expect(second.events[0]).toMatchObject({ runId, seq: 1 });
    expect(await second.call('run:unsubscribe', { runId })).toMatchObject({ result: { ok: true } });
    const seen = second.events.length;

    expect(await first.call('run:stop', { runId })).toMatchObject({ result: { ok: true } });
    await waitFor(
      () =>
        first.events.some((e) => e.kind === 'run-status' && e.status === 'cancelled') ? true : undefined,
      'the first client to see the run cancelled',
    );
    expect(second.events).toHaveLength(seen);
    expect(second.events.every((e) => e.runId === runId)).toBe(true);
    expect(await second.call('run:subscribe', { runId, afterSeq: -1 })).toMatchObject({
      error: { message: expect.stringContaining('afterSeq') },
    });
    first.ws.close();
    second.ws.close();
  });

  it('stops a long run through REST', async () => {
    const slow: Workflow = {
      ...pipeline,
      name: 'Slow',
      nodes: pipeline.nodes.map((n) =>
        n.id === 'numbers' ? { ...n, params: { from: 1, to: 100000, intervalMs: 20 } } : n,
      ),
    };
    const { data } = await json<{ runId: string }>('POST', '/api/v1/runs', { workflow: slow });
    await waitFor(
      async () =>
        (await json<RunSummary>('GET', `/api/v1/runs/${data.runId}`)).data.status === 'running'
          ? true
          : undefined,
      'running',
    );
    const cancel = await json<{ ok: boolean }>('POST', `/api/v1/runs/${data.runId}/cancel`);
    expect(cancel).toEqual({ status: 200, data: { ok: true } });
    const run = await waitFor(async () => {
      const r = (await json<RunSummary>('GET', `/api/v1/runs/${data.runId}`)).data;
      return r.status === 'cancelled' ? r : undefined;
    }, 'cancelled');
    expect(run.status).toBe('cancelled');
    expect((await json('POST', `/api/v1/runs/${data.runId}/cancel`)).status).toBe(409);
  });

  it('aborts a draining run through REST, and one over the WebSocket: cancelled at once (issue 9)', async () => {
    // A node busy for a minute per value, deaf to its signal: Stop's drain would wait its whole grace.
    const busy: Workflow = {
      ...pipeline,
      name: 'Busy',
      nodes: pipeline.nodes.map((n) =>
        n.id === 'numbers'
          ? { ...n, params: { from: 1, to: 100000, intervalMs: 5 } }
          : n.id === 'square'
            ? { ...n, params: { code: 'x => { const end = Date.now() + 60000; while (Date.now() < end); }' } }
            : n,
      ),
    };
    // A value is on its way to `square` (which spins in it, too busy to report): a drain must wait for it.
    const into = pipeline.edges.find((e) => e.target === 'square')!.id;
    const busyNow = (client: WsClient) =>
      waitFor(
        () =>
          client.events.some(
            (e) => e.kind === 'edge-counts' && e.counts.some((c) => c.edgeId === into && c.sent > 0),
          )
            ? true
            : undefined,
        'a value sent to square',
      );
    const cancelledNow = (runId: string) =>
      waitFor(async () => {
        const r = (await json<RunSummary>('GET', `/api/v1/runs/${runId}`)).data;
        return r.status === 'cancelled' ? r : undefined;
      }, 'cancelled');

    const client = await WsClient.open();
    const first = (await client.call('run:start', { workflow: busy })) as { result: { runId: string } };
    const data = first.result;
    await busyNow(client);
    const cancel = json<{ ok: boolean }>('POST', `/api/v1/runs/${data.runId}/cancel`);
    await new Promise((r) => setTimeout(r, 500));
    const t0 = Date.now();
    const abort = await json<{ ok: boolean }>('POST', `/api/v1/runs/${data.runId}/abort`);
    expect(abort).toEqual({ status: 200, data: { ok: true } });
    expect(Date.now() - t0).toBeLessThan(3_000); // far below the 10 s grace a drain would wait
    expect(await cancel).toEqual({ status: 200, data: { ok: true } });
    const run = await cancelledNow(data.runId);
    expect(run.nodes.square?.status).toBe('cancelled');
    expect((await json('POST', `/api/v1/runs/${data.runId}/abort`)).status).toBe(409);
    expect((await json('GET', `/api/v1/runs/${data.runId}/abort`)).status).toBe(405);

    client.events.length = 0;
    const started = (await client.call('run:start', { workflow: busy })) as { result: { runId: string } };
    const { runId } = started.result;
    await busyNow(client);
    expect(await client.call('run:abort', { runId })).toMatchObject({ result: { ok: true } });
    await waitFor(
      () =>
        client.events.some((e) => e.kind === 'run-status' && e.status === 'cancelled') ? true : undefined,
      'the client to see the run cancelled',
    );
    expect(await client.call('run:abort', { runId: '' })).toMatchObject({
      error: { message: expect.stringContaining('runId') },
    });
    client.ws.close();
  });

  it('lists and previews the table outputs of a run through REST', async () => {
    await writeFile(path.join(workspace, 'cities.csv'), 'city,people\nOslo,700000\nRome,2800000\n');
    const tables: Workflow = {
      sluice: 1,
      name: 'Cities',
      nodes: [
        { id: 'load', type: 'csv.read', params: { path: 'cities.csv' }, position: { x: 0, y: 0 } },
        {
          id: 'big',
          type: 'sql.query',
          params: { sql: 'SELECT city FROM input WHERE people > 1000000' },
          position: { x: 200, y: 0 },
        },
      ],
      edges: [{ id: 'e1', source: 'load', sourcePort: 'table', target: 'big', targetPort: 'input' }],
    };
    const { data } = await json<{ runId: string }>('POST', '/api/v1/runs', { workflow: tables });
    await waitFor(async () => {
      const run = await json<RunSummary>('GET', `/api/v1/runs/${data.runId}`);
      return run.data.status === 'completed' ? true : undefined;
    }, 'the run to complete');
    const outputs = await json('GET', `/api/v1/runs/${data.runId}/outputs`);
    expect(outputs.data).toEqual([
      {
        nodeId: 'big',
        port: 'table',
        kind: 'table',
        rowCount: 1,
        columns: [{ name: 'city', type: 'string' }],
      },
      { nodeId: 'load', port: 'table', kind: 'table' },
    ]);
    const preview = await json('GET', `/api/v1/runs/${data.runId}/outputs/big/table`);
    expect(preview.data).toEqual({
      columns: [{ name: 'city', type: 'string' }],
      rowCount: 1,
      rows: [{ city: 'Rome' }],
    });
    expect((await json('GET', `/api/v1/runs/${data.runId}/outputs/big/nope`)).status).toBe(404);
    expect((await json('GET', `/api/v1/runs/${data.runId}/outputs/..%2Fx/table`)).status).toBe(400);
  });

  it('answers invalid requests with clear errors', async () => {
    const bad = {
      ...pipeline,
      nodes: [...pipeline.nodes, { id: 'ghost', type: 'core.nope', params: {}, position: { x: 0, y: 0 } }],
    };
    const refused = await json<{
      error: { code: string; message: string; details: Array<{ nodeId?: string; message: string }> };
    }>('POST', '/api/v1/runs', { workflow: bad });
    expect(refused.status).toBe(422);
    expect(refused.data.error).toMatchObject({
      code: 'invalid-workflow',
      message: expect.stringContaining('cannot run'),
    });
    expect(refused.data.error.details.some((p) => p.nodeId === 'ghost')).toBe(true);

    expect((await json('GET', '/api/v1/runs/no-such-run')).status).toBe(404);
    expect((await json('GET', '/api/v1/runs/..%2F..%2Fetc')).status).toBe(404);
    expect((await json('GET', '/api/v1/nope')).status).toBe(404);
    expect((await json('DELETE', '/api/v1/nodes')).status).toBe(405);
    const noType = await http('POST', '/api/v1/runs', bearer, JSON.stringify({ workflow: pipeline }));
    expect(noType.status).toBe(415);
    const badJson = await http(
      'POST',
      '/api/v1/runs',
      { ...bearer, 'Content-Type': 'application/json' },
      '{nope',
    );
    expect(badJson.status).toBe(400);
    expect(badJson.body).toContain('not valid JSON');

    const client = await WsClient.open();
    expect(await client.call('fs:rm', {})).toMatchObject({
      error: { message: expect.stringContaining('Unknown host method "fs:rm"') },
    });
    expect(await client.call('run:get', {})).toMatchObject({
      error: { message: expect.stringContaining('runId') },
    });
    expect(await client.send('{not json')).toMatchObject({
      id: -1,
      error: { message: expect.stringContaining('must be JSON') },
    });
    const validate = (await client.call('workflow:validate', { workflow: bad })) as {
      result: Array<{ nodeId?: string; code: string }>;
    };
    expect(validate.result).toEqual(
      expect.arrayContaining([expect.objectContaining({ nodeId: 'ghost', code: 'unknown-node-type' })]),
    );
    client.ws.close();
  });
});
