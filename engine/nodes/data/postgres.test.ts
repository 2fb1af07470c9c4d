// Integration: CSV → SQL join + group-by → PostgreSQL through the real runtime, against a real
// PostgreSQL started on loopback; plus the PostgreSQL failures (refused connection, wrong shape).
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPostgres, type TestPostgres } from '../../testing/postgres.js';
import { execute, normalizeRows, withConnection } from './lib/duck.js';
import { edge, node, runWorkflow } from './testing/runWorkflow.js';

/** Each test runs whole workflows (a process per node): generous on a loaded 2-core machine. */
const SLOW_MS = 120_000;

const DATA = path.resolve('node_modules/vega-datasets/data');
const WEATHER = path.join(DATA, 'seattle-weather.csv');
const SQL = `SELECT weather, year(date) AS year, count(*) AS days, round(avg(temp_max), 3) AS mean_max
  FROM input GROUP BY ALL`;

const started = await startTestPostgres();
const skipReason = started.ok ? '' : started.reason;
if (!started.ok) console.warn(`PostgreSQL tests skipped: ${skipReason}`);

describe.skipIf(!started.ok)('PostgreSQL nodes', { timeout: SLOW_MS }, () => {
  let server: TestPostgres;
  let client: pg.Client;
  const conn = (): Record<string, unknown> => ({
    host: server.host,
    port: server.port,
    user: server.user,
    database: server.database,
    passwordEnv: '',
  });

  beforeAll(async () => {
    server = (started as { ok: true; pg: TestPostgres }).pg;
    client = new pg.Client({ connectionString: server.connectionString });
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
    await server?.stop();
  });

  it('CSV → SQL group-by → postgres.write equals DuckDB alone, then postgres.query reads it back', async () => {
    const r = await runWorkflow(
      [
        node('load', 'csv.read', { path: WEATHER }),
        node('agg', 'sql.query', { sql: SQL }),
        node('save', 'postgres.write', { table: 'weather_by_year', mode: 'create', ...conn() }),
      ],
      [edge('load', 'table', 'agg', 'input'), edge('agg', 'table', 'save', 'table')],
    );
    expect(r.summary.status, JSON.stringify(r.summary.nodes)).toBe('completed');
    const got = (
      await client.query(
        'SELECT weather, year::int AS year, days::int AS days, mean_max FROM weather_by_year ORDER BY weather, year',
      )
    ).rows;
    const want = await withConnection(async (c) =>
      normalizeRows(
        await execute(
          c,
          `SELECT * FROM (${SQL.replace('input', `read_csv('${WEATHER}')`)}) ORDER BY weather, year`,
          { signal: new AbortController().signal },
        ),
        [
          { name: 'year', type: 'integer', dbType: 'BIGINT' },
          { name: 'days', type: 'integer', dbType: 'BIGINT' },
        ],
      ),
    );
    expect(got.length).toBe(want.length);
    expect(got).toEqual(want);

    // And back: postgres.query → parquet in the run folder → previewable.
    const back = await runWorkflow(
      [
        node('q', 'postgres.query', { sql: 'SELECT * FROM weather_by_year WHERE year = 2015', ...conn() }),
        node('show', 'data.inspect', {}),
      ],
      [edge('q', 'table', 'show', 'in')],
    );
    expect(back.summary.status, JSON.stringify(back.summary.nodes)).toBe('completed');
    expect(back.logs('show')[0]).toMatch(
      /^table\{weather:string,year:integer,days:integer,mean_max:number\}: (\d+) rows$/,
    );
    expect(back.logs('show')[0]).toContain(`: ${want.filter((w) => w['year'] === 2015).length} rows`);
  });

  it('reads a named connection from a connections file outside the workflow', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'sluice-conn-'));
    const file = path.join(dir, 'connections.json');
    await writeFile(
      file,
      JSON.stringify({
        local: {
          host: server.host,
          port: server.port,
          user: server.user,
          database: server.database,
          // Trust authentication: no password variable (an unset one is now an error).
          passwordEnv: '',
        },
      }),
      // Connections files readable by others are refused (issue 10).
      { mode: 0o600 },
    );
    const r = await runWorkflow(
      [
        node('q', 'postgres.query', {
          sql: "SELECT 42 AS answer, 'x'::text AS s, DATE '2020-02-29' AS d",
          connection: 'local',
          connectionsFile: file,
        }),
        node('rows', 'table.to-rows'),
        node('out', 'core.collect'),
      ],
      [edge('q', 'table', 'rows', 'table'), edge('rows', 'rows', 'out', 'in')],
    );
    expect(r.summary.status, JSON.stringify(r.summary.nodes)).toBe('completed');
    expect(JSON.parse(await readFile(path.join(r.runDir, 'out.json'), 'utf8'))).toEqual([
      { answer: 42, s: 'x', d: '2020-02-29' },
    ]);
    const missing = await runWorkflow(
      [
        node('q', 'postgres.query', { sql: 'SELECT 1', connection: 'nope', connectionsFile: file }),
        node('show', 'data.inspect'),
      ],
      [edge('q', 'table', 'show', 'in')],
    );
    expect(missing.nodeError('q')).toContain(`connection "nope" is not in ${file}`);
  });

  it('a refused connection fails the node naming host:port', async () => {
    const r = await runWorkflow(
      [
        node('load', 'csv.read', { path: WEATHER }),
        node('save', 'postgres.write', { table: 't', ...conn(), port: 1 }),
      ],
      [edge('load', 'table', 'save', 'table')],
    );
    expect(r.summary.status).toBe('failed');
    expect(r.nodeError('save')).toContain('PostgreSQL at 127.0.0.1:1 refused the connection');
  });

  it('a target table of the wrong shape fails naming the columns, and writes nothing', async () => {
    await client.query('CREATE TABLE wrong_shape (weather text, other int)');
    await client.query("INSERT INTO wrong_shape VALUES ('sun', 1)");
    const r = await runWorkflow(
      [
        node('load', 'csv.read', { path: WEATHER }),
        node('agg', 'sql.query', { sql: SQL }),
        node('save', 'postgres.write', { table: 'wrong_shape', mode: 'append', ...conn() }),
      ],
      [edge('load', 'table', 'agg', 'input'), edge('agg', 'table', 'save', 'table')],
    );
    expect(r.summary.status).toBe('failed');
    const msg = r.nodeError('save') ?? '';
    expect(msg).toContain('target table "wrong_shape"');
    expect(msg).toContain('missing in the table: year, days, mean_max');
    expect(msg).toContain('not in the input: other');
    expect((await client.query('SELECT count(*)::int AS n FROM wrong_shape')).rows[0].n).toBe(1);
  });

  it('a failure in the middle of the rows rolls the whole write back', async () => {
    // `replace` on an existing table: the drop and the partial insert must both roll back.
    await client.query('CREATE TABLE keep_me (v text)');
    await client.query("INSERT INTO keep_me VALUES ('old')");
    const r = await runWorkflow(
      [
        node('load', 'csv.read', { path: WEATHER }),
        // The cast fails on a row late in the table: after earlier rows were inserted.
        node('bad', 'sql.query', {
          sql: "SELECT CASE WHEN date < DATE '2015-06-01' THEN weather ELSE error('bad row ' || date) END AS v FROM input",
        }),
        node('save', 'postgres.write', { table: 'keep_me', mode: 'replace', ...conn() }),
      ],
      [edge('load', 'table', 'bad', 'input'), edge('bad', 'table', 'save', 'table')],
    );
    expect(r.summary.status).toBe('failed');
    // The query at fault is blamed (issue 11); the sink that found it is cancelled.
    expect(r.nodeError('bad')).toContain('bad row 2015-06-01');
    expect(r.summary.nodes['save']?.status).toBe('cancelled');
    expect((await client.query('SELECT v FROM keep_me')).rows).toEqual([{ v: 'old' }]);
  });
});
