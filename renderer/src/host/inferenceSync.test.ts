// The editor's check with the host's inferred output types, over the real WebSocket to the real
// server and host service, which sniffs a real CSV file with DuckDB.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { HostClient } from '../../../engine/hostApi/api.js';
import type { Workflow } from '../../../engine/model/workflow.js';
import { startServer, type SluiceServer } from '../../../engine/server/httpServer.js';
import { createHostService, type HostService } from '../../../engine/host/hostService.js';
import { createEditorStore, type EditorStore } from '../store/index.js';
import { InferenceSync } from './inferenceSync.js';
import { createWebSocketHost, type WebSocketLike } from './wsClient.js';

const TOKEN = 'd'.repeat(64);
let workspace: string;
let service: HostService;
let server: SluiceServer;
let host: HostClient;

const flow: Workflow = {
  sluice: 1,
  name: 'Orders',
  nodes: [
    { id: 'load', type: 'csv.read', params: { path: 'orders.csv' }, position: { x: 0, y: 0 } },
    {
      id: 'query',
      type: 'sql.query',
      params: { sql: 'SELECT city, sum(amount) AS total FROM input GROUP BY city' },
      position: { x: 300, y: 0 },
    },
    { id: 'show', type: 'data.inspect', params: {}, position: { x: 600, y: 0 } },
  ],
  edges: [
    { id: 'e1', source: 'load', sourcePort: 'table', target: 'query', targetPort: 'input' },
    { id: 'e2', source: 'query', sourcePort: 'table', target: 'show', targetPort: 'in' },
  ],
};

beforeAll(async () => {
  workspace = await mkdtemp(path.join(os.tmpdir(), 'sluice-infer-'));
  await writeFile(path.join(workspace, 'orders.csv'), 'id,amount,city\n1,9.5,Oslo\n2,3.25,Rome\n');
  service = await createHostService({ workspace, confine: true, usePool: false });
  server = await startServer({ service, token: TOKEN, port: 0, staticDir: workspace });
  host = createWebSocketHost(`ws://127.0.0.1:${server.port}/api/ws`, TOKEN, {
    connect: (url) => new WebSocket(url) as unknown as WebSocketLike,
  });
});
afterAll(async () => {
  await server.close();
  await service.close();
  await rm(workspace, { recursive: true, force: true });
});

async function until<T>(read: () => T | undefined, what: string): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const v = read();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function openFlow(): Promise<EditorStore> {
  const editor = createEditorStore({ checkDelayMs: 0 });
  editor.getState().setNodeTypes(await host.call('nodes:list', {}));
  expect(editor.getState().loadDocument('orders.sluice.json', JSON.stringify(flow)).ok).toBe(true);
  return editor;
}

describe('InferenceSync', () => {
  it('gives table ports the columns the host works out, downstream too', async () => {
    const editor = await openFlow();
    // Before the host answers: plain tables, as declared.
    expect(editor.getState().portTypes['load']?.outputs['table']).toBe('table');
    const off = new InferenceSync(host, editor, 0).connect();
    try {
      const query = await until(() => {
        const t = editor.getState().portTypes['query']?.outputs['table'];
        return t !== 'table' ? t : undefined;
      }, 'the inferred query type');
      expect(query).toBe('table{city:string,total:number}');
      expect(editor.getState().portTypes['load']?.outputs['table']).toBe(
        'table{id:integer,amount:number,city:string}',
      );
      expect(editor.getState().problems).toEqual([]);
    } finally {
      off();
    }
  });

  it('a query that names a missing column marks its node; an answer for old parameters is not used', async () => {
    const editor = await openFlow();
    const off = new InferenceSync(host, editor, 0).connect();
    try {
      editor.getState().setParam('query', 'sql', 'SELECT price FROM input');
      const problem = await until(
        () => editor.getState().problems.find((p) => p.nodeId === 'query'),
        'the problem on "query"',
      );
      expect(problem.message).toMatch(/Node "query" \(sql\.query\): could not work out its output types/);
      expect(problem.message).toContain('price');
      expect(editor.getState().faultyNodes.has('query')).toBe(true);

      // Edited again: until the host answers for the new SQL, the old answer does not apply.
      editor.getState().setParam('query', 'sql', 'SELECT city FROM input');
      expect(editor.getState().problems.filter((p) => p.nodeId === 'query')).toEqual([]);
      expect(editor.getState().portTypes['query']?.outputs['table']).toBe('table');
      await until(
        () =>
          editor.getState().portTypes['query']?.outputs['table'] === 'table{city:string}' ? true : undefined,
        'the new inferred type',
      );
    } finally {
      off();
    }
  });

  it('asks again when what inference depends on changes, not when a node only moves', async () => {
    const editor = await openFlow();
    const asked: string[] = [];
    const counting: HostClient = {
      ...host,
      call: (method, params) => {
        asked.push(method);
        return host.call(method, params);
      },
    };
    const off = new InferenceSync(counting, editor, 0).connect();
    try {
      await until(() => (asked.length === 1 ? true : undefined), 'the first question');
      await until(
        () => (editor.getState().portTypes['query']?.outputs['table'] !== 'table' ? true : undefined),
        'the answer',
      );
      editor.getState().moveNodes(new Map([['load', { x: 40, y: 80 }]]), false);
      editor.getState().renameNode('load', 'Orders');
      await new Promise((r) => setTimeout(r, 100));
      expect(asked).toEqual(['workflow:infer']);
      editor.getState().setParam('query', 'sql', 'SELECT id FROM input');
      await until(() => (asked.length === 2 ? true : undefined), 'a second question');
    } finally {
      off();
    }
  });
});
