// Only the node that executes a query loads DuckDB (issue 11): the file source and the SQL node of a
// CSV → SQL → Parquet run compose refs in processes that never import @duckdb/node-api. Observed
// from outside: every worker process is started with a module hook (NODE_OPTIONS=--import) that
// logs its start and any resolution of @duckdb/node-api.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { edge, node, runWorkflow } from './testing/runWorkflow.js';

const WEATHER = path.resolve('node_modules/vega-datasets/data/seattle-weather.csv');
const saved = process.env['NODE_OPTIONS'];

afterEach(() => {
  if (saved === undefined) delete process.env['NODE_OPTIONS'];
  else process.env['NODE_OPTIONS'] = saved;
});

describe('composing nodes stay light', { timeout: 120_000 }, () => {
  it('of three node processes, only the sink loads DuckDB', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'sluice-light-'));
    const log = path.join(dir, 'modules.log');
    writeFileSync(log, '');
    const hook = path.join(dir, 'hook.mjs');
    const resolver = `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  if (specifier === '@duckdb/node-api') appendFileSync(${JSON.stringify(log)}, 'duckdb ' + process.pid + '\\n');
  return next(specifier, context);
}`;
    writeFileSync(
      hook,
      `import { register } from 'node:module';
import { appendFileSync } from 'node:fs';
// The check's sandboxed inference process (issue 10) starts from the same bundle: not a node.
const role = process.env.SLUICE_PROCESS_ROLE === 'inference' ? 'inference ' : 'start ';
appendFileSync(${JSON.stringify(log)}, role + process.pid + '\\n');
register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(resolver)}));
`,
    );
    process.env['NODE_OPTIONS'] = `--import=${hook}`;
    const out = path.join(dir, 'by-weather.parquet');
    const r = await runWorkflow(
      [
        node('load', 'csv.read', { path: WEATHER }),
        node('agg', 'sql.query', { sql: 'SELECT weather, count(*) AS n FROM input GROUP BY weather' }),
        node('save', 'parquet.write', { path: out }),
      ],
      [edge('load', 'table', 'agg', 'input'), edge('agg', 'table', 'save', 'table')],
    );
    expect(r.summary.status, JSON.stringify(r.summary.nodes)).toBe('completed');
    expect(existsSync(out)).toBe(true);
    const lines = readFileSync(log, 'utf8').trim().split('\n');
    const started = new Set(lines.filter((l) => l.startsWith('start ')).map((l) => l.slice(6)));
    const withDuck = new Set(lines.filter((l) => l.startsWith('duckdb ')).map((l) => l.slice(7)));
    expect(started.size).toBe(3);
    const nodesWithDuck = [...withDuck].filter((pid) => started.has(pid));
    expect(nodesWithDuck.length).toBe(1);
  });
});
