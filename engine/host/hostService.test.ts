// The host service on its own (no server): workflow:validate with real output-type inference
// (DuckDB sniffs a real CSV), and run event batches reaching listeners.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunEvent } from '../model/run.js';
import type { Workflow } from '../model/workflow.js';
import { createHostService, type HostService, type HostSession } from './hostService.js';

let workspace: string;
let service: HostService;

beforeAll(async () => {
  workspace = await mkdtemp(path.join(os.tmpdir(), 'sluice-service-'));
  await writeFile(path.join(workspace, 'orders.csv'), 'id,amount,city\n1,9.5,Oslo\n2,3.25,Rome\n');
  service = await createHostService({ workspace, confine: true, usePool: false });
});
afterAll(async () => {
  await service.close();
  await rm(workspace, { recursive: true, force: true });
});

const csvToSql = (csvPath: string, sql: string): Workflow => ({
  sluice: 1,
  name: 'Orders',
  nodes: [
    { id: 'load', type: 'csv.read', params: { path: csvPath }, position: { x: 0, y: 0 } },
    { id: 'query', type: 'sql.query', params: { sql }, position: { x: 200, y: 0 } },
    {
      id: 'count',
      type: 'sql.query',
      params: { sql: 'SELECT count(*) AS n FROM input' },
      position: { x: 400, y: 0 },
    },
  ],
  edges: [
    { id: 'e1', source: 'load', sourcePort: 'table', target: 'query', targetPort: 'input' },
    { id: 'e2', source: 'query', sourcePort: 'table', target: 'count', targetPort: 'input' },
  ],
});

describe('host service', () => {
  it('validates with inferred output types along a chain of inferring nodes', async () => {
    const ok = await service.call('workflow:validate', {
      workflow: csvToSql('orders.csv', 'SELECT city, amount FROM input'),
      path: 'orders.sluice.json',
    });
    expect(ok.filter((p) => p.severity === 'error')).toEqual([]);

    // The last query names a column the middle one dropped: only inference along the chain finds it.
    const chain = csvToSql('orders.csv', 'SELECT city FROM input');
    const last = { ...chain.nodes[2]!, params: { sql: 'SELECT sum(amount) AS total FROM input' } };
    const bad = await service.call('workflow:validate', {
      workflow: { ...chain, nodes: [chain.nodes[0]!, chain.nodes[1]!, last] },
    });
    expect(bad).toEqual([
      expect.objectContaining({ nodeId: 'count', message: expect.stringContaining('amount') }),
    ]);
  });

  it('reports a node whose output types cannot be worked out, and still checks the rest', async () => {
    const problems = await service.call('workflow:validate', {
      workflow: csvToSql('missing.csv', 'SELECT * FROM input'),
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          nodeId: 'load',
          message: expect.stringMatching(/Node "load" \(csv\.read\): could not work out/),
        }),
      ]),
    );
  });

  it('infers output types for the canvas: the CSV columns flow through the SQL chain', async () => {
    const answer = await service.call('workflow:infer', {
      workflow: csvToSql('orders.csv', 'SELECT city, amount FROM input'),
      path: 'orders.sluice.json',
    });
    expect(answer.problems).toEqual([]);
    expect(answer.outputTypes).toEqual({
      load: { table: 'table{id:integer,amount:number,city:string}' },
      query: { table: 'table{city:string,amount:number}' },
      count: { table: 'table{n:integer}' },
    });
    // A missing file: only that node's inference problem; downstream the columns are unknown.
    const missing = await service.call('workflow:infer', {
      workflow: csvToSql('missing.csv', 'SELECT * FROM input'),
    });
    expect(missing.problems).toEqual([
      expect.objectContaining({ nodeId: 'load', message: expect.stringContaining('missing.csv') }),
    ]);
    expect(missing.outputTypes['load']).toBeUndefined();
    expect(missing.outputTypes['query']).toEqual({ table: 'table' });
  });

  it('suggests the dialect it sniffed for the CSV fields left empty, and only for those', async () => {
    await writeFile(
      path.join(workspace, 'semi.csv'),
      "id;name;day\n1;'Oslo; Norway';03/01/2024\n2;'Rome';04/01/2024\n3;Bern;05/01/2024\n",
    );
    const one = (params: Record<string, unknown>): Workflow => ({
      sluice: 1,
      name: 'Semi',
      nodes: [
        { id: 'load', type: 'csv.read', params: { path: 'semi.csv', ...params }, position: { x: 0, y: 0 } },
      ],
      edges: [],
    });
    const sniffed = await service.call('workflow:infer', { workflow: one({}) });
    expect(sniffed.problems).toEqual([]);
    expect(sniffed.suggestedParams['load']).toMatchObject({
      delimiter: ';',
      quote: "'",
      dateFormat: '%d/%m/%Y',
    });
    // A field the user set is theirs: nothing is suggested for it.
    const set = await service.call('workflow:infer', { workflow: one({ delimiter: ';' }) });
    expect(set.suggestedParams['load']).not.toHaveProperty('delimiter');
    expect(set.suggestedParams['load']).toHaveProperty('quote', "'");
  });

  it('refuses a schema-broken workflow with problems, not an exception', async () => {
    const broken = {
      sluice: 1,
      name: 'x',
      nodes: [{ id: '1 bad', type: 'core.log', params: {}, position: { x: 0, y: 0 } }],
      edges: [],
    };
    const problems = await service.call('workflow:validate', { workflow: broken as unknown as Workflow });
    expect(problems[0]).toMatchObject({ code: 'schema', field: expect.stringContaining('nodes[0].id') });
  });

  it('delivers a run events in batches to listeners, ending with the run status', async () => {
    const batches: RunEvent[][] = [];
    let session!: HostSession;
    const done = new Promise<void>((resolve) => {
      session = service.openSession((_id, events) => {
        batches.push(events);
        if (events.some((e) => e.kind === 'run-status' && e.status === 'completed')) resolve();
      });
    });
    const workflow: Workflow = {
      sluice: 1,
      name: 'Logs',
      nodes: [
        { id: 'n', type: 'core.sequence', params: { from: 1, to: 3000 }, position: { x: 0, y: 0 } },
        { id: 'print', type: 'core.log', params: { maxLines: 3000 }, position: { x: 200, y: 0 } },
      ],
      edges: [{ id: 'e1', source: 'n', sourcePort: 'out', target: 'print', targetPort: 'in' }],
    };
    const { runId } = await session.call('run:start', { workflow });
    await done;
    const events = batches.flat();
    expect(events.every((e) => e.runId === runId)).toBe(true);
    // Fewer batches than events: the host groups them.
    expect(batches.length).toBeLessThan(events.length / 10);
    const statuses = events.filter((e) => e.kind === 'node-status');
    expect(statuses.filter((e) => e.kind === 'node-status' && e.status === 'completed')).toHaveLength(2);
    const history = await service.call('run:get', { runId });
    expect(history.status).toBe('completed');
  });

  it('previews a table output of a finished run', async () => {
    const workflow = csvToSql('orders.csv', 'SELECT city, amount * 2 AS doubled FROM input ORDER BY city');
    const { runId } = await service.call('run:start', { workflow, path: 'orders.sluice.json' });
    for (let i = 0; i < 400; i++) {
      const run = await service.call('run:get', { runId });
      if (run.status !== 'running' && run.status !== 'ready') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect((await service.call('run:get', { runId })).status).toBe('completed');
    // Every table output the run sent is recorded, and listed for the preview.
    expect(await service.call('run:outputs', { runId })).toEqual([
      // count's table was executed and captured: its schema and rows are recorded with it.
      {
        nodeId: 'count',
        port: 'table',
        kind: 'table',
        rowCount: 1,
        columns: [{ name: 'n', type: 'integer' }],
      },
      { nodeId: 'load', port: 'table', kind: 'table' },
      { nodeId: 'query', port: 'table', kind: 'table' },
    ]);
    await expect(service.call('run:outputs', { runId: 'no-such-run' })).resolves.toEqual([]);
    // The end of the chain was executed (by the node itself: nothing consumes it) and captured.
    const preview = await service.call('run:preview', { runId, nodeId: 'count', port: 'table' });
    expect(preview).toEqual({ columns: [{ name: 'n', type: 'integer' }], rowCount: 1, rows: [{ n: 2 }] });
    // The query was only read inside count's query: its rows were not captured, and the preview
    // says so rather than run it again on today's files.
    await expect(service.call('run:preview', { runId, nodeId: 'query', port: 'table' })).rejects.toThrow(
      'no rows were captured in this run',
    );
    await expect(service.call('run:preview', { runId, nodeId: '../x', port: 'table' })).rejects.toThrow(
      /No output/,
    );
    await expect(
      service.call('run:preview', { runId: '../..', nodeId: 'query', port: 'table' }),
    ).rejects.toThrow(/No run/);
  });
});
