// Integration: real vega-datasets CSV files → SQL join + group-by → Parquet, through the real
// runtime (a process per node); the result is compared with the same query run directly in DuckDB.
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { execute, normalizeRows, withConnection } from './lib/duck.js';
import { previewTableOutput } from '../../host/outputs/preview.js';
import { edge, node, runWorkflow } from './testing/runWorkflow.js';

/** Each test runs whole workflows (a process per node): generous on a loaded 2-core machine. */
const SLOW_MS = 120_000;

const DATA = path.resolve('node_modules/vega-datasets/data');
const AIRPORTS = path.join(DATA, 'airports.csv');
const FLIGHTS = path.join(DATA, 'flights-airport.csv');

const JOIN_SQL = `SELECT a.state, sum(f.count) AS flights, count(DISTINCT f.origin) AS airports
  FROM flights f JOIN airports a ON f.origin = a.iata
  GROUP BY a.state`;

async function direct(sql: string): Promise<Record<string, unknown>[]> {
  return withConnection(async (c) => {
    const signal = new AbortController().signal;
    return normalizeRows(await execute(c, sql, { signal }), [
      { name: 'flights', type: 'integer', dbType: 'HUGEINT' },
      { name: 'airports', type: 'integer', dbType: 'BIGINT' },
    ]);
  });
}

describe('data pipeline through the runtime', { timeout: SLOW_MS }, () => {
  it('CSV → SQL join + group-by → Parquet equals DuckDB alone', async () => {
    const out = path.join(await mkdtemp(path.join(os.tmpdir(), 'sluice-pq-')), 'by-state.parquet');
    const r = await runWorkflow(
      [
        node('airports', 'csv.read', { path: AIRPORTS }),
        node('flights', 'csv.read', { path: FLIGHTS }),
        node('sum', 'sql.query', {
          sql: JOIN_SQL,
          ports: [
            { name: 'flights', type: 'table' },
            { name: 'airports', type: 'table' },
          ],
        }),
        node('save', 'parquet.write', { path: out }),
      ],
      [
        edge('airports', 'table', 'sum', 'airports'),
        edge('flights', 'table', 'sum', 'flights'),
        edge('sum', 'table', 'save', 'table'),
      ],
    );
    expect(r.summary.status, JSON.stringify(r.summary.nodes)).toBe('completed');
    const got = await direct(`SELECT * FROM read_parquet('${out}') ORDER BY state`);
    const want = await direct(
      `SELECT * FROM (${JOIN_SQL.replace('flights f', `read_csv('${FLIGHTS}') f`).replace('airports a', `read_csv('${AIRPORTS}') a`)}) ORDER BY state`,
    );
    expect(got.length).toBeGreaterThan(40);
    expect(got).toEqual(want);
    // The SQL node passed a deferred query on; only the sink wrote rows.
    expect(existsSync(path.join(r.runDir, 'tables'))).toBe(false);
    // Every table output is previewable.
    const preview = await previewTableOutput(r.runDir, 'sum', 'table', 5);
    expect(preview.rowCount).toBe(want.length);
    expect(preview.columns.map((c) => c.name)).toEqual(['state', 'flights', 'airports']);
    expect(preview.rows).toHaveLength(5);
    // Nothing half-written next to the result.
    expect(readdirSync(path.dirname(out))).toEqual(['by-state.parquet']);
  });
});

describe('stopping a run', { timeout: SLOW_MS }, () => {
  it('interrupts the DuckDB query of the executing node and leaves no output', async () => {
    const out = path.join(await mkdtemp(path.join(os.tmpdir(), 'sluice-stop-')), 'never.parquet');
    const { createRegistry } = await import('../registry.js');
    const { startRun } = await import('../../runtime/host/runController.js');
    const handle = await startRun({
      workflow: {
        sluice: 1,
        name: 'long',
        nodes: [
          node('long', 'sql.query', {
            sql: 'SELECT x % 1000 AS k, count(*) AS n FROM range(20000000000) t(x) GROUP BY 1',
            ports: [],
          }),
          node('save', 'parquet.write', { path: out }),
        ],
        edges: [edge('long', 'table', 'save', 'table')],
      },
      baseDir: process.cwd(),
      runsDir: await mkdtemp(path.join(os.tmpdir(), 'sluice-stop-runs-')),
      registry: await createRegistry(),
    });
    const events: Array<{ kind: string; nodeId?: string; message?: string }> = [];
    handle.onEvent((e) => events.push(e));
    // Wait until the sink is executing the query, then stop.
    const deadline = Date.now() + 20_000;
    while (!events.some((e) => e.kind === 'progress' && e.nodeId === 'save') && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
    }
    const stopAt = Date.now();
    // Abort, not Stop: Stop drains (lets the executing node finish within its grace period).
    await handle.abort();
    const summary = await handle.done;
    expect(summary.status).toBe('cancelled');
    expect(Date.now() - stopAt).toBeLessThan(5000);
    expect(readdirSync(path.dirname(out))).toEqual([]);
  });
});
