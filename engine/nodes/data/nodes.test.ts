// The other data nodes through the real runtime: file sinks and sources round trips, SQLite, the
// table transforms, rows ↔ table, batching, merge/split, scripts, the timer and HTTP.
import { createServer, type Server } from 'node:http';
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execute, normalizeRows, withConnection } from './lib/duck.js';
import { edge, node, runWorkflow } from './testing/runWorkflow.js';

/** Each test runs whole workflows (a process per node): generous on a loaded 2-core machine. */
const SLOW_MS = 120_000;

const DATA = path.resolve('node_modules/vega-datasets/data');
const WEATHER = path.join(DATA, 'seattle-weather.csv');

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sluice-nodes-'));
});

async function collected(runDir: string, id: string): Promise<unknown[]> {
  return JSON.parse(await readFile(path.join(runDir, `${id}.json`), 'utf8')) as unknown[];
}

describe('table transforms and file round trips', { timeout: SLOW_MS }, () => {
  it('filter → sort → select → dedupe → aggregate → JSON and CSV files, read back equal', async () => {
    const json = path.join(dir, 'agg.ndjson');
    const csv = path.join(dir, 'agg.csv');
    const r = await runWorkflow(
      [
        node('load', 'csv.read', { path: WEATHER }),
        node('wet', 'table.filter', { where: 'precipitation > 0' }),
        node('sort', 'table.sort', { by: 'date DESC' }),
        node('pick', 'table.select', { columns: 'date, weather AS kind, temp_max' }),
        node('uniq', 'table.dedupe', { keys: 'date' }),
        node('agg', 'table.aggregate', {
          groupBy: 'kind',
          aggregates: 'count(*) AS days, max(temp_max) AS hottest',
        }),
        node('ordered', 'table.sort', { by: 'kind' }),
        node('jw', 'json.write', { path: json }),
        node('cw', 'csv.write', { path: csv }),
        node('rows', 'table.to-rows', {}),
        node('out', 'core.collect', {}),
      ],
      [
        edge('load', 'table', 'wet', 'table'),
        edge('wet', 'table', 'sort', 'table'),
        edge('sort', 'table', 'pick', 'table'),
        edge('pick', 'table', 'uniq', 'table'),
        edge('uniq', 'table', 'agg', 'table'),
        edge('agg', 'table', 'ordered', 'table'),
        edge('ordered', 'table', 'jw', 'table'),
        edge('ordered', 'table', 'cw', 'table'),
        edge('jw', 'table', 'rows', 'table'),
        edge('rows', 'rows', 'out', 'in'),
      ],
    );
    expect(r.summary.status, JSON.stringify(r.summary.nodes)).toBe('completed');
    const rows = await collected(r.runDir, 'out');
    const want = await withConnection(async (c) =>
      normalizeRows(
        await execute(
          c,
          `SELECT weather AS kind, count(*) AS days, max(temp_max) AS hottest FROM read_csv('${WEATHER}') WHERE precipitation > 0 GROUP BY 1 ORDER BY 1`,
          {
            signal: new AbortController().signal,
          },
        ),
        [{ name: 'days', type: 'integer', dbType: 'BIGINT' }],
      ),
    );
    expect(want.length).toBe(2);
    expect(rows).toEqual(want);
    const csvText = await readFile(csv, 'utf8');
    expect(csvText.split('\n')[0]).toBe('kind,days,hottest');
    expect(csvText.trim().split('\n')).toHaveLength(want.length + 1);
    expect((await readdir(dir)).filter((f) => f.includes('tmp'))).toEqual([]);
  });

  it('SQLite: write (create, then append) and query back; a wrong shape names the columns', async () => {
    const db = path.join(dir, 'weather.db');
    const write = (mode: string, sql: string) =>
      runWorkflow(
        [
          node('load', 'csv.read', { path: WEATHER }),
          node('q', 'sql.query', { sql }),
          node('save', 'sqlite.write', { path: db, table: 'days', mode }),
        ],
        [edge('load', 'table', 'q', 'input'), edge('q', 'table', 'save', 'table')],
      );
    const first = await write('create', 'SELECT date, weather, temp_max FROM input WHERE year(date) = 2012');
    expect(first.summary.status, JSON.stringify(first.summary.nodes)).toBe('completed');
    // The log line names the database file, not only the table.
    expect(first.logs('save')).toContain(`366 rows written to table days in ${db}`);
    const second = await write('append', 'SELECT date, weather, temp_max FROM input WHERE year(date) = 2013');
    expect(second.summary.status, JSON.stringify(second.summary.nodes)).toBe('completed');
    const wrong = await write('append', 'SELECT date, wind FROM input');
    expect(wrong.nodeError('save')).toContain(
      'missing in the table: wind; not in the input: weather, temp_max',
    );
    const again = await write('create', 'SELECT date FROM input');
    expect(again.nodeError('save')).toContain('already exists');

    const r = await runWorkflow(
      [
        node('q', 'sqlite.query', {
          path: db,
          sql: 'SELECT substr(date, 1, 4) AS year, count(*) AS n, max(temp_max) AS top FROM days GROUP BY 1 ORDER BY 1',
        }),
        node('rows', 'table.to-rows', {}),
        node('out', 'core.collect', {}),
      ],
      [edge('q', 'table', 'rows', 'table'), edge('rows', 'rows', 'out', 'in')],
    );
    expect(r.summary.status, JSON.stringify(r.summary.nodes)).toBe('completed');
    expect(await collected(r.runDir, 'out')).toEqual([
      { year: '2012', n: 366, top: 34.4 },
      { year: '2013', n: 365, top: 33.9 },
    ]);
  });

  it('table.join joins on shared columns; sql.query checkpoint writes Parquet in the run folder', async () => {
    const r = await runWorkflow(
      [
        node('load', 'csv.read', { path: WEATHER }),
        node('kinds', 'sql.query', {
          sql: 'SELECT DISTINCT weather, upper(weather) AS label FROM input',
          checkpoint: true,
        }),
        node('join', 'table.join', { on: 'weather', how: 'inner' }),
        node('agg', 'table.aggregate', { groupBy: 'label', aggregates: 'count(*) AS n' }),
        node('sorted', 'table.sort', { by: 'n DESC' }),
        node('rows', 'table.to-rows', { batch: 10 }),
        node('out', 'core.collect', {}),
      ],
      [
        edge('load', 'table', 'kinds', 'input'),
        edge('load', 'table', 'join', 'left'),
        edge('kinds', 'table', 'join', 'right'),
        edge('join', 'table', 'agg', 'table'),
        edge('agg', 'table', 'sorted', 'table'),
        edge('sorted', 'table', 'rows', 'table'),
        edge('rows', 'rows', 'out', 'in'),
      ],
    );
    expect(r.summary.status, JSON.stringify(r.summary.nodes)).toBe('completed');
    const [batch] = (await collected(r.runDir, 'out')) as Array<Array<{ label: string; n: number }>>;
    expect(batch!.map((b) => b.label)).toEqual(['RAIN', 'SUN', 'FOG', 'DRIZZLE', 'SNOW']);
    expect(batch!.reduce((s, b) => s + b.n, 0)).toBe(1461);
    expect(await readdir(path.join(r.runDir, 'tables'))).toEqual(['kinds.table.parquet']);
  });
});

describe('rows, batches and streams', { timeout: SLOW_MS }, () => {
  it('script.js → stream.batch (by key) → stream.unbatch → rows.to-table → inspect', async () => {
    const r = await runWorkflow(
      [
        node('gen', 'script.js', {
          code: 'for (let i = 0; i < 25; i++) await outputs.out.send({ i, kind: i % 2 ? "odd" : "even" });',
          inputs: [],
          outputs: [{ name: 'out', type: 'record{i:integer,kind:string}' }],
        }),
        node('batch', 'stream.batch', { size: 5, timeoutMs: 0, key: 'kind' }),
        node('sizes', 'script.js', {
          code: 'for await (const b of inputs.in) { await outputs.sizes.send(b.length); await outputs.items.send(b); }',
          inputs: [{ name: 'in', type: 'array<any>' }],
          outputs: [
            { name: 'sizes', type: 'integer' },
            { name: 'items', type: 'array<any>' },
          ],
        }),
        node('unbatch', 'stream.unbatch', {}),
        node('table', 'rows.to-table', {}),
        node('show', 'data.inspect', { rows: 0 }),
        node('out', 'core.collect', {}),
      ],
      [
        edge('gen', 'out', 'batch', 'in'),
        edge('batch', 'out', 'sizes', 'in'),
        edge('sizes', 'sizes', 'out', 'in'),
        edge('sizes', 'items', 'unbatch', 'in'),
        edge('unbatch', 'out', 'table', 'rows'),
        edge('table', 'table', 'show', 'in'),
      ],
    );
    expect(r.summary.status, JSON.stringify(r.summary.nodes)).toBe('completed');
    // 13 even and 12 odd values: batches of 5, then what is left of each key at the end.
    expect(((await collected(r.runDir, 'out')) as number[]).sort()).toEqual([2, 3, 5, 5, 5, 5]);
    expect(r.logs('show')).toContain('table{i:integer,kind:string}: 25 rows');
  });

  it('stream.batch sends a partial batch when its timeout passes', async () => {
    const r = await runWorkflow(
      [
        node('gen', 'script.js', {
          code: 'await outputs.out.send(1); await outputs.out.send(2); await new Promise((r) => setTimeout(r, 400)); await outputs.out.send(3);',
          inputs: [],
        }),
        node('batch', 'stream.batch', { size: 10, timeoutMs: 100 }),
        node('out', 'core.collect', {}),
      ],
      [edge('gen', 'out', 'batch', 'in'), edge('batch', 'out', 'out', 'in')],
    );
    expect(r.summary.status, JSON.stringify(r.summary.nodes)).toBe('completed');
    expect(await collected(r.runDir, 'out')).toEqual([[1, 2], [3]]);
  });

  it('stream.split routes by a function; stream.merge joins the branches again', async () => {
    const r = await runWorkflow(
      [
        node('tick', 'timer.schedule', { intervalMs: 10, count: 6 }),
        node('split', 'stream.split', {
          route: "(t) => (t.n % 3 === 0 ? 'three' : t.n % 2 === 0 ? ['even', 'three'] : null)",
          ports: [
            { name: 'even', type: 'any' },
            { name: 'three', type: 'any' },
          ],
        }),
        node('merge', 'stream.merge', {
          ports: [
            { name: 'x', type: 'any' },
            { name: 'y', type: 'any' },
          ],
        }),
        node('ns', 'script.js', { code: 'for await (const t of inputs.in) await outputs.out.send(t.n);' }),
        node('out', 'core.collect', {}),
      ],
      [
        edge('tick', 'tick', 'split', 'in'),
        edge('split', 'even', 'merge', 'x'),
        edge('split', 'three', 'merge', 'y'),
        edge('merge', 'out', 'ns', 'in'),
        edge('ns', 'out', 'out', 'in'),
      ],
    );
    expect(r.summary.status, JSON.stringify(r.summary.nodes)).toBe('completed');
    expect(((await collected(r.runDir, 'out')) as number[]).sort()).toEqual([2, 2, 3, 4, 4, 6]);
  });

  it('timer.schedule runs on a cron pattern and ends after count ticks', async () => {
    const started = Date.now();
    const r = await runWorkflow(
      [node('tick', 'timer.schedule', { cron: '* * * * * *', count: 2 }), node('out', 'core.collect', {})],
      [edge('tick', 'tick', 'out', 'in')],
    );
    expect(r.summary.status).toBe('completed');
    const ticks = (await collected(r.runDir, 'out')) as Array<{ n: number; time: string }>;
    expect(ticks.map((t) => t.n)).toEqual([1, 2]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
  });

  it('a script that throws fails its node with the error', async () => {
    const r = await runWorkflow(
      [
        node('bad', 'script.js', {
          code: 'throw new Error("no good " + config.x)',
          config: { x: 42 },
          inputs: [],
        }),
        node('out', 'core.collect', {}),
      ],
      [edge('bad', 'out', 'out', 'in')],
    );
    expect(r.summary.status).toBe('failed');
    expect(r.nodeError('bad')).toContain('no good 42');
  });
});

describe('http.request against a loopback server', { timeout: SLOW_MS }, () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        if (req.url === '/missing') {
          res.writeHead(404).end('nope');
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ method: req.method, url: req.url, got: body ? JSON.parse(body) : null }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('GET once without input; POST each input value as JSON', async () => {
    const r = await runWorkflow(
      [
        node('get', 'http.request', { url: `${base}/items` }),
        node('gen', 'script.js', {
          code: 'await outputs.out.send({ id: 7 }); await outputs.out.send({ id: 8 });',
          inputs: [],
        }),
        node('post', 'http.request', { url: `${base}/items/{{id}}`, method: 'POST' }),
        node('a', 'core.collect', {}),
        node('b', 'core.collect', {}),
      ],
      [edge('get', 'body', 'a', 'in'), edge('gen', 'out', 'post', 'in'), edge('post', 'body', 'b', 'in')],
    );
    expect(r.summary.status, JSON.stringify(r.summary.nodes)).toBe('completed');
    expect(await collected(r.runDir, 'a')).toEqual([{ method: 'GET', url: '/items', got: null }]);
    expect(await collected(r.runDir, 'b')).toEqual([
      { method: 'POST', url: '/items/7', got: { id: 7 } },
      { method: 'POST', url: '/items/8', got: { id: 8 } },
    ]);
  });

  it('a non-2xx answer fails the node with the URL and status', async () => {
    const r = await runWorkflow(
      [node('get', 'http.request', { url: `${base}/missing` }), node('a', 'core.collect', {})],
      [edge('get', 'body', 'a', 'in')],
    );
    expect(r.nodeError('get')).toContain(`GET ${base}/missing answered 404`);
  });
});
