// Bad input through the real runtime: each failure names what is at fault, fails its node, and leaves
// no partial output.
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { edge, node, refusal, runWorkflow } from './testing/runWorkflow.js';

/** Each test runs whole workflows (a process per node): generous on a loaded 2-core machine. */
const SLOW_MS = 120_000;

const WEATHER = path.resolve('node_modules/vega-datasets/data/seattle-weather.csv');

let dir: string;
let broken: string;
let bigBroken: string;
/** 1-based line of the broken row (line 1 is the header). */
const brokenLine = 1200;
const bigBrokenLine = 28_000;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sluice-bad-'));
  const lines = (await readFile(WEATHER, 'utf8')).trimEnd().split('\n');
  // A row with one field too many: inside DuckDB's sniffing sample in the small file, far past it
  // (about 20 k rows) in the big one.
  const small = [...lines];
  small[brokenLine - 1] += ',extra';
  broken = path.join(dir, 'broken-weather.csv');
  await writeFile(broken, small.join('\n') + '\n');
  const big = [lines[0]!];
  while (big.length < 30_000) big.push(...lines.slice(1));
  big[bigBrokenLine - 1] += ',extra';
  bigBroken = path.join(dir, 'big-broken-weather.csv');
  await writeFile(bigBroken, big.join('\n') + '\n');
});

describe('bad input fails its node with a message naming the fault', { timeout: SLOW_MS }, () => {
  it('a CSV with a broken row in the sniffed sample is refused by the check, naming file and line', async () => {
    const problems = await refusal(
      [node('load', 'csv.read', { path: broken }), node('show', 'data.inspect')],
      [edge('load', 'table', 'show', 'in')],
    );
    expect(problems[0]).toMatch(/^Node "load" \(csv\.read\): /);
    expect(problems[0]).toContain(
      `${broken}, line ${brokenLine}: broken row (TOO MANY COLUMNS: 7 fields where the header has 6)`,
    );
  });

  it('a broken row past the sample is found where the query runs and fails the source; the Parquet sink writes nothing', async () => {
    const out = path.join(dir, 'out', 'result.parquet');
    const r = await runWorkflow(
      [
        node('load', 'csv.read', { path: bigBroken }),
        node('agg', 'sql.query', { sql: 'SELECT weather, count(*) AS n FROM input GROUP BY 1' }),
        node('save', 'parquet.write', { path: out }),
      ],
      [edge('load', 'table', 'agg', 'input'), edge('agg', 'table', 'save', 'table')],
    );
    expect(r.summary.status).toBe('failed');
    // The file's fragment is at fault: the source fails, the nodes after it are cancelled.
    expect(r.nodeError('load')).toContain(`${bigBroken}, line ${bigBrokenLine}`);
    expect(r.summary.nodes['agg']?.status).toBe('cancelled');
    expect(r.summary.nodes['save']?.status).toBe('cancelled');
    expect(existsSync(out)).toBe(false);
    expect(existsSync(path.dirname(out)) ? readdirSync(path.dirname(out)) : []).toEqual([]);
  });

  it('with "check every row", the CSV source itself fails', async () => {
    const r = await runWorkflow(
      [node('load', 'csv.read', { path: bigBroken, validate: true }), node('show', 'data.inspect')],
      [edge('load', 'table', 'show', 'in')],
    );
    expect(r.summary.status).toBe('failed');
    expect(r.nodeError('load')).toContain(`${bigBroken}, line ${bigBrokenLine}`);
  });

  // Found by the run's check (the same as `sluice validate`): the run is refused, naming the node.
  it('a SQL syntax error names the node and the position in its SQL', async () => {
    const problems = await refusal(
      [
        node('load', 'csv.read', { path: WEATHER }),
        node('agg', 'sql.query', { sql: 'SELECT weather,\n  count(*) AS n FORM input' }),
        node('show', 'data.inspect'),
      ],
      [edge('load', 'table', 'agg', 'input'), edge('agg', 'table', 'show', 'in')],
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /^Node "agg" \(sql\.query\): could not work out its output types: syntax error at line 2, column 17: .*syntax error at or near "FORM"/,
    );
  });

  it('a missing column is named with every column of the input (sql.query and table.select)', async () => {
    const all = 'input has date, precipitation, temp_max, temp_min, wind, weather';
    const q = await refusal(
      [
        node('load', 'csv.read', { path: WEATHER }),
        node('agg', 'sql.query', { sql: 'SELECT temperature FROM input' }),
        node('show', 'data.inspect'),
      ],
      [edge('load', 'table', 'agg', 'input'), edge('agg', 'table', 'show', 'in')],
    );
    expect(q[0]).toContain(`Node "agg" (sql.query)`);
    expect(q[0]).toContain(`missing column "temperature" (${all})`);
    const s = await refusal(
      [
        node('load', 'csv.read', { path: WEATHER }),
        node('pick', 'table.select', { columns: 'date, temprature AS t' }),
        node('show', 'data.inspect'),
      ],
      [edge('load', 'table', 'pick', 'table'), edge('pick', 'table', 'show', 'in')],
    );
    expect(s[0]).toContain(`Node "pick" (table.select)`);
    expect(s[0]).toContain(`missing column "temprature" (${all})`);
  });

  it('a run-time conversion error in a composed query fails the SQL node, at the position in its SQL', async () => {
    const out = path.join(dir, 'cast', 'codes.csv');
    const r = await runWorkflow(
      [
        node('load', 'csv.read', { path: WEATHER }),
        node('agg', 'sql.query', {
          sql: 'SELECT date,\n  CAST(weather AS INTEGER) AS code FROM input',
        }),
        node('out', 'csv.write', { path: out }),
      ],
      [edge('load', 'table', 'agg', 'input'), edge('agg', 'table', 'out', 'table')],
    );
    expect(r.summary.status).toBe('failed');
    expect(r.nodeError('agg')).toMatch(
      /^Node "agg": line 2, column 3 of its SQL: Conversion Error: Could not convert string 'drizzle' to INT32/,
    );
    expect(r.summary.nodes['agg']?.status).toBe('failed');
    expect(r.summary.nodes['out']?.status).toBe('cancelled');
    expect(r.summary.nodes['load']?.status).toBe('completed');
    expect(r.summary.error?.message).toMatch(/^Node "agg": /);
    expect(existsSync(out)).toBe(false);
  });

  it('a missing file names the path', async () => {
    const missing = path.join(dir, 'nope.csv');
    const problems = await refusal(
      [node('load', 'csv.read', { path: missing }), node('show', 'data.inspect')],
      [edge('load', 'table', 'show', 'in')],
    );
    expect(problems).toEqual([
      `Node "load" (csv.read): could not work out its output types: file not found: ${missing}`,
    ]);
  });
});
