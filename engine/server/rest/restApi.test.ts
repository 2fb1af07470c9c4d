// The REST API through a real HTTP client (fetch) against `sluice serve`'s server on loopback, with
// the real host service, real runs and the history database: every endpoint and its error paths,
// and the OpenAPI document, which must validate and describe what each route really answers.
import { mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunEvent, RunSummary } from '../../model/run.js';
import type { Workflow } from '../../model/workflow.js';
import { createHostService, type HostService } from '../../host/hostService.js';
import { startServer, type SluiceServer } from '../httpServer.js';

const TOKEN = 'b'.repeat(64);
let base: string;
let workspace: string;
let service: HostService;
let server: SluiceServer;

const squares = (to: number, intervalMs = 0): Workflow => ({
  sluice: 1,
  name: `Squares to ${to}`,
  nodes: [
    { id: 'numbers', type: 'core.sequence', params: { from: 1, to, intervalMs }, position: { x: 0, y: 0 } },
    { id: 'square', type: 'core.map', params: { code: 'x => x * x' }, position: { x: 200, y: 0 } },
    { id: 'print', type: 'core.log', params: {}, position: { x: 400, y: 0 } },
  ],
  edges: [
    { id: 'e1', source: 'numbers', sourcePort: 'out', target: 'square', targetPort: 'in' },
    { id: 'e2', source: 'square', sourcePort: 'out', target: 'print', targetPort: 'in' },
  ],
});

type Run = RunSummary & { id: string };
interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

async function api<T = unknown>(
  method: string,
  route: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; data: T; headers: Headers }> {
  const res = await fetch(`${server.origin}/api/v1${route}`, {
    method,
    headers: {
      Authorization: `Bearer ${TOKEN}`,
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...headers,
    },
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, data: (text ? JSON.parse(text) : undefined) as T, headers: res.headers };
}

async function until<T>(probe: () => Promise<T | undefined>, what: string, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const finished = (id: string) =>
  until(async () => {
    const { data } = await api<Run>('GET', `/runs/${id}`);
    return ['completed', 'failed', 'cancelled'].includes(data.status) ? data : undefined;
  }, `run ${id} to end`);

/** Reads an SSE stream to its end (or `stopAfter` events), as parsed events with their ids. */
async function sse(route: string, headers: Record<string, string> = {}, stopAfter = Infinity) {
  const ctrl = new AbortController();
  const res = await fetch(`${server.origin}/api/v1${route}`, {
    headers: { Authorization: `Bearer ${TOKEN}`, ...headers },
    signal: ctrl.signal,
  });
  const events: Array<{ id: number; event: string; data: RunEvent }> = [];
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      buffer += value;
      let cut;
      while ((cut = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const field = (name: string) =>
          block
            .split('\n')
            .find((l) => l.startsWith(`${name}: `))
            ?.slice(name.length + 2);
        if (field('data'))
          events.push({ id: Number(field('id')), event: field('event')!, data: JSON.parse(field('data')!) });
      }
      if (events.length >= stopAfter) {
        ctrl.abort();
        break;
      }
    }
  } catch (err) {
    if ((err as Error).name !== 'AbortError') throw err;
  }
  return { status: res.status, type: res.headers.get('content-type'), events: events.slice(0, stopAfter) };
}

beforeAll(async () => {
  base = await realpath(await mkdtemp(path.join(os.tmpdir(), 'sluice-rest-')));
  workspace = path.join(base, 'ws');
  await mkdir(path.join(base, 'static'), { recursive: true });
  await mkdir(workspace);
  await writeFile(path.join(base, 'static', 'index.html'), '<!doctype html>');
  service = await createHostService({ workspace, confine: true });
  server = await startServer({ service, token: TOKEN, port: 0, staticDir: path.join(base, 'static') });
});

afterAll(async () => {
  await server?.close();
  await service?.close();
  await rm(base, { recursive: true, force: true });
});

describe('REST: access', () => {
  it('refuses a request without the token, as JSON', async () => {
    const res = await fetch(`${server.origin}/api/v1/runs`);
    expect(res.status).toBe(401);
    expect(((await res.json()) as ErrorBody).error.code).toBe('unauthorized');
  });
});

describe('REST: workflows', () => {
  it('creates, reads, lists, replaces and deletes a workflow file', async () => {
    const wf = squares(3);
    expect(await api('PUT', '/workflows/flows%2Fdaily.sluice.json', wf)).toMatchObject({
      status: 201,
      data: { path: 'flows/daily.sluice.json' },
    });
    expect(await api('GET', '/workflows/flows%2Fdaily.sluice.json')).toMatchObject({ status: 200, data: wf });
    expect((await api('GET', '/workflows?dir=flows')).data).toEqual([
      { name: 'daily.sluice.json', path: 'flows/daily.sluice.json', kind: 'file' },
    ]);
    expect((await api('GET', '/workflows')).data).toContainEqual({
      name: 'flows',
      path: 'flows',
      kind: 'directory',
    });
    const renamed = { ...wf, name: 'Daily' };
    expect((await api('PUT', '/workflows/flows%2Fdaily.sluice.json', renamed)).status).toBe(200);
    expect((await api<Workflow>('GET', '/workflows/flows%2Fdaily.sluice.json')).data.name).toBe('Daily');
    expect((await api('DELETE', '/workflows/flows%2Fdaily.sluice.json')).status).toBe(204);
    const gone = await api<ErrorBody>('GET', '/workflows/flows%2Fdaily.sluice.json');
    expect(gone).toMatchObject({ status: 404, data: { error: { code: 'not-found' } } });
    expect((await api('DELETE', '/workflows/flows%2Fdaily.sluice.json')).status).toBe(404);
  });

  it('answers bad workflow requests with the right status and a message naming the fault', async () => {
    const invalid = await api<ErrorBody>('PUT', '/workflows/bad.sluice.json', {
      ...squares(3),
      nodes: [{ id: 'x' }],
    });
    expect(invalid.status).toBe(422);
    expect(invalid.data.error.code).toBe('invalid-workflow');
    expect(JSON.stringify(invalid.data.error.details)).toContain('nodes[0]');
    expect((await api<ErrorBody>('PUT', '/workflows/notes.txt', squares(3))).status).toBe(400);
    expect((await api<ErrorBody>('PUT', '/workflows/x.sluice.json', '{nope')).data.error.message).toContain(
      'not valid JSON',
    );
    const plain = await api<ErrorBody>('PUT', '/workflows/x.sluice.json', undefined, {
      'Content-Type': 'text/plain',
    });
    expect(plain.status).toBe(415);
    const huge = JSON.stringify({ ...squares(3), description: 'x'.repeat(17 * 1024 * 1024) });
    expect((await api<ErrorBody>('PUT', '/workflows/x.sluice.json', huge)).status).toBe(413);
    expect((await api('GET', '/workflows/..%2F..%2Fetc%2Fx.sluice.json')).status).toBeGreaterThanOrEqual(400);
    await writeFile(path.join(workspace, 'broken.sluice.json'), '{"sluice": 1,');
    const broken = await api<ErrorBody>('GET', '/workflows/broken.sluice.json');
    expect(broken).toMatchObject({
      status: 422,
      data: { error: { message: expect.stringContaining('line 1') } },
    });
  });
});

describe('REST: runs', () => {
  it('starts a stored workflow with parameter overrides: 201 at once, then completed with exact counts', async () => {
    await api('PUT', '/workflows/sq.sluice.json', squares(5));
    const started = await api<Run>('POST', '/runs', { path: 'sq.sluice.json', params: { 'numbers.to': 40 } });
    expect(started.status).toBe(201);
    expect(started.data).toMatchObject({
      id: started.data.runId,
      workflowPath: 'sq.sluice.json',
      startedBy: 'rest',
    });
    const run = await finished(started.data.id);
    expect(run.status).toBe('completed');
    const logs = await api<{ logs: RunEvent[] }>('GET', `/runs/${run.id}/logs?node=print`);
    // 40 values, each printed once (the override took).
    expect(logs.data.logs.filter((e) => e.kind === 'log' && /^\d+$/.test(e.message))).toHaveLength(40);
  });

  it('refuses what cannot start: 400 malformed, 404 missing file, 422 invalid workflow', async () => {
    expect((await api<ErrorBody>('POST', '/runs', {})).data.error.code).toBe('bad-request');
    expect((await api('POST', '/runs', { path: 'sq.sluice.json', params: { nodot: 1 } })).status).toBe(400);
    expect((await api('POST', '/runs', { path: 'nope.sluice.json' })).status).toBe(404);
    const unknownNode = await api<ErrorBody>('POST', '/runs', {
      path: 'sq.sluice.json',
      params: { 'ghost.x': 1 },
    });
    expect(unknownNode).toMatchObject({ status: 422, data: { error: { code: 'invalid-workflow' } } });
    const ghost = {
      ...squares(3),
      nodes: [...squares(3).nodes, { id: 'g', type: 'core.nope', params: {}, position: { x: 0, y: 0 } }],
    };
    const refused = await api<ErrorBody>('POST', '/runs', { workflow: ghost });
    expect(refused.status).toBe(422);
    expect(refused.data.error.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ nodeId: 'g' })]),
    );
    expect((await api('POST', '/runs', 'x', { 'Content-Type': 'text/plain' })).status).toBe(415);
  });

  it('lists runs newest first, filtered by workflow and state, paged by cursor', async () => {
    const ids: string[] = [];
    for (const to of [2, 3, 2])
      ids.push((await api<Run>('POST', '/runs', { workflow: squares(to) })).data.id);
    for (const id of ids) await finished(id);
    const page = await api<{ runs: Run[]; nextCursor?: string }>(
      'GET',
      `/runs?workflow=${encodeURIComponent('Squares to 2')}&limit=1`,
    );
    expect(page.data.runs.map((r) => r.id)).toEqual([ids[2]]);
    const next = await api<{ runs: Run[]; nextCursor?: string }>(
      'GET',
      `/runs?workflow=${encodeURIComponent('Squares to 2')}&limit=1&cursor=${page.data.nextCursor}`,
    );
    expect(next.data.runs.map((r) => r.id)).toEqual([ids[0]]);
    expect(next.data.nextCursor).toBeUndefined();
    const done = await api<{ runs: Run[] }>('GET', '/runs?state=completed&limit=1000');
    expect(done.data.runs.every((r) => r.status === 'completed')).toBe(true);
    expect((await api('GET', '/runs?state=weird')).status).toBe(400);
    expect((await api('GET', '/runs?cursor=garbage')).status).toBe(400);
    expect((await api('GET', '/runs?limit=0')).status).toBe(400);
  });

  it('pauses, resumes and cancels a live run; 409 once it has ended, 404 for no such run', async () => {
    const { data } = await api<Run>('POST', '/runs', { workflow: squares(100000, 5) });
    await until(
      async () => ((await api<Run>('GET', `/runs/${data.id}`)).data.status === 'running' ? true : undefined),
      'running',
    );
    expect(await api('POST', `/runs/${data.id}/pause`)).toMatchObject({ status: 200, data: { ok: true } });
    await until(
      async () => ((await api<Run>('GET', `/runs/${data.id}`)).data.status === 'paused' ? true : undefined),
      'paused',
    );
    expect((await api('POST', `/runs/${data.id}/resume`)).status).toBe(200);
    await until(
      async () => ((await api<Run>('GET', `/runs/${data.id}`)).data.status === 'running' ? true : undefined),
      'running again',
    );
    expect((await api('POST', `/runs/${data.id}/cancel`)).status).toBe(200);
    expect((await finished(data.id)).status).toBe('cancelled');
    expect(await api<ErrorBody>('POST', `/runs/${data.id}/cancel`)).toMatchObject({
      status: 409,
      data: { error: { code: 'conflict' } },
    });
    expect((await api('POST', '/runs/no-such-run/pause')).status).toBe(404);
    expect((await api('GET', '/runs/no-such-run')).status).toBe(404);
    expect((await api('DELETE', '/runs/no-such-run')).status).toBe(405);
    expect((await api('GET', '/nope')).status).toBe(404);
  });

  it('streams events as SSE: a replay, then live; Last-Event-ID resumes after the last one seen', async () => {
    const { data } = await api<Run>('POST', '/runs', { workflow: squares(60, 10) });
    const first = await sse(`/runs/${data.id}/events`, {}, 5);
    expect(first.status).toBe(200);
    expect(first.type).toMatch(/^text\/event-stream/);
    expect(first.events.map((e) => e.id)).toEqual([1, 2, 3, 4, 5]);
    expect(first.events[0]).toMatchObject({
      event: 'run-status',
      data: { kind: 'run-status', status: 'running' },
    });
    const rest = await sse(`/runs/${data.id}/events`, { 'Last-Event-ID': '5' });
    expect(rest.events[0]?.id).toBe(6);
    const seqs = rest.events.map((e) => e.id);
    expect(seqs).toEqual(seqs.map((_, i) => 6 + i)); // none missed, none twice
    expect(rest.events.at(-1)?.data).toMatchObject({ kind: 'run-status', status: 'completed' });
    // An ended run replays from the history and ends.
    const again = await sse(`/runs/${data.id}/events`, { 'Last-Event-ID': String(seqs.at(-3)) });
    expect(again.events.map((e) => e.id)).toEqual(seqs.slice(-2));
    expect((await api('GET', '/runs/no-such-run/events')).status).toBe(404);
  });

  it('pages log lines by node with after and limit', async () => {
    const { data } = await api<Run>('POST', '/runs', { workflow: squares(30) });
    await finished(data.id);
    const page = await api<{ logs: Array<Extract<RunEvent, { kind: 'log' }>>; next?: number }>(
      'GET',
      `/runs/${data.id}/logs?node=print&limit=10`,
    );
    expect(page.data.logs.map((l) => l.message)).toEqual([
      '1',
      '4',
      '9',
      '16',
      '25',
      '36',
      '49',
      '64',
      '81',
      '100',
    ]);
    const more = await api<{ logs: Array<Extract<RunEvent, { kind: 'log' }>> }>(
      'GET',
      `/runs/${data.id}/logs?node=print&limit=10&after=${page.data.next}`,
    );
    expect(more.data.logs[0]?.message).toBe('121');
    expect((await api('GET', `/runs/${data.id}/logs?limit=x`)).status).toBe(400);
  });
});

describe('REST: OpenAPI', () => {
  it('serves a valid OpenAPI 3.1 document whose every route answers with a status it documents', async () => {
    const { status, data: doc } = await api<{
      openapi: string;
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    }>('GET', '/openapi.json');
    expect(status).toBe(200);
    expect(doc.openapi).toBe('3.1.0');
    const result = await new Validator().validate(doc as never);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    const { data: run } = await api<Run>('POST', '/runs', { workflow: squares(3) });
    await finished(run.id);
    await api('PUT', '/workflows/probe.sluice.json', squares(2));
    const fill = (p: string) =>
      p
        .replace('{id}', run.id)
        .replace('{path}', 'probe.sluice.json')
        .replace('{node}', 'square')
        .replace('{port}', 'out');
    const seen: string[] = [];
    for (const [p, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        const body =
          method === 'put'
            ? squares(2)
            : method === 'post' && p === '/api/v1/runs'
              ? { workflow: squares(2) }
              : undefined;
        const res = await fetch(`${server.origin}${fill(p)}`, {
          method: method.toUpperCase(),
          headers: {
            Authorization: `Bearer ${TOKEN}`,
            ...(body ? { 'Content-Type': 'application/json' } : {}),
          },
          ...(body ? { body: JSON.stringify(body) } : {}),
        });
        await res.body?.cancel();
        expect([`${method} ${p}`, Object.keys(op.responses)]).toEqual([
          `${method} ${p}`,
          expect.arrayContaining([String(res.status)]),
        ]);
        seen.push(`${method} ${p}`);
      }
    }
    // The document lists every API route (the document itself is served beside them).
    expect(seen.sort()).toEqual(
      [
        'get /api/v1/nodes',
        'get /api/v1/workflows',
        'get /api/v1/workflows/{path}',
        'put /api/v1/workflows/{path}',
        'delete /api/v1/workflows/{path}',
        'get /api/v1/runs',
        'post /api/v1/runs',
        'get /api/v1/runs/{id}',
        'post /api/v1/runs/{id}/cancel',
        'post /api/v1/runs/{id}/abort',
        'post /api/v1/runs/{id}/pause',
        'post /api/v1/runs/{id}/resume',
        'get /api/v1/runs/{id}/events',
        'get /api/v1/runs/{id}/logs',
        'get /api/v1/runs/{id}/outputs',
        'get /api/v1/runs/{id}/outputs/{node}/{port}',
      ].sort(),
    );
  });
});
