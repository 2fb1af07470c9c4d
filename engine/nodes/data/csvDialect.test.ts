// CSV that fails loudly, through the real runtime on real files: broken rows named by the physical
// line where they start, a stray quote in a file without quotes, a binary file at the check, and
// dialect parameters that read what the sniffer cannot guess.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { WorkflowEdge, WorkflowNode } from '../../model/workflow.js';
import { execute, withConnection } from './lib/duck.js';
import { edge, node, refusal, runWorkflow } from './testing/runWorkflow.js';
import csvRead from './sources/csvRead.js';
import jsonRead from './sources/jsonRead.js';
import parquetRead from './sources/parquetRead.js';

const SLOW_MS = 120_000;
const WEATHER = path.resolve('node_modules/vega-datasets/data/seattle-weather.csv');
const BAD_LINE = 700;
const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

let dir: string;
let lines: string[];
let quotedUnclosed: string;
let plainStray: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sluice-csv-'));
  lines = (await readFile(WEATHER, 'utf8')).trimEnd().split('\n');
  // Every field quoted, as many exports write them; line 700's last field loses its closing quote.
  const quoted = lines.map((l) =>
    l
      .split(',')
      .map((v) => `"${v}"`)
      .join(','),
  );
  quoted[BAD_LINE - 1] = quoted[BAD_LINE - 1]!.replace(/"$/, '');
  quotedUnclosed = path.join(dir, 'quoted-unclosed.csv');
  await writeFile(quotedUnclosed, quoted.join('\n') + '\n');
  // No quotes anywhere, one stray quote opening a field of line 700.
  const plain = [...lines];
  plain[BAD_LINE - 1] = plain[BAD_LINE - 1]!.replace(',', ',"');
  plainStray = path.join(dir, 'plain-stray.csv');
  await writeFile(plainStray, plain.join('\n') + '\n');
});

/** The problems `sluice run` (and `validate`) would refuse a CSV → SQL → CSV chain with. */
function refusedChain(file: string, out: string, params: Record<string, unknown> = {}) {
  return refusal(
    [
      node('load', 'csv.read', { path: file, ...params }),
      node('agg', 'sql.query', { sql: 'SELECT weather, count(*) AS n FROM input GROUP BY weather' }),
      node('out', 'csv.write', { path: out }),
    ],
    [edge('load', 'table', 'agg', 'input'), edge('agg', 'table', 'out', 'table')],
  );
}

describe('csv.read fails loudly', { timeout: SLOW_MS }, () => {
  // Both rows sit inside the sniffer's sample, so the check finds them: the run is refused.
  it('an unclosed quote at line 700 of a quoted file fails naming the file and line 700', async () => {
    const out = path.join(dir, 'a.csv');
    const problems = await refusedChain(quotedUnclosed, out);
    expect(problems).toEqual([
      `Node "load" (csv.read): could not work out its output types: ${quotedUnclosed}, line ${BAD_LINE}: broken row (unclosed quote: the field quoted on line ${BAD_LINE} runs on to line ${BAD_LINE + 1})`,
    ]);
    expect(existsSync(out)).toBe(false);
  });

  it('a stray quote in a file without quotes fails too, naming line 700', async () => {
    const out = path.join(dir, 'b.csv');
    const problems = await refusedChain(plainStray, out);
    expect(problems).toEqual([
      `Node "load" (csv.read): could not work out its output types: ${plainStray}, line ${BAD_LINE}: broken row (unclosed quote: the field quoted on line ${BAD_LINE} never ends)`,
    ]);
    expect(existsSync(out)).toBe(false);
  });

  it('a binary file fails at the check, before any run', async () => {
    const binary = path.join(dir, 'image.csv');
    await writeFile(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
    await expect(
      csvRead.inferOutputs!({
        params: { path: binary, header: true, delimiter: '', validate: false },
        inputs: {},
        baseDir: dir,
      }),
    ).rejects.toThrow(`${binary}: not a text file (a NUL byte at byte 8, line 3)`);
    const latin = path.join(dir, 'latin.csv');
    await writeFile(latin, Buffer.from('city,temp\nK\xf6ln,3\n', 'latin1'));
    await expect(
      csvRead.inferOutputs!({
        params: { path: latin, header: true, delimiter: '', validate: false },
        inputs: {},
        baseDir: dir,
      }),
    ).rejects.toThrow(`${latin}: not valid UTF-8 at byte 11 (line 2); set the encoding`);
  });

  it('dialect parameters read a semicolon file with decimal commas, day-first dates, a null text and Latin-1', async () => {
    const file = path.join(dir, 'european.csv');
    await writeFile(
      file,
      Buffer.from(
        "# exported 2026\nstadt;datum;temp\n'K\xf6ln';01/02/2024;3,5\n'Bonn';13/02/2024;-\n",
        'latin1',
      ),
    );
    const out = path.join(dir, 'european-out.csv');
    const r = await runWorkflow(
      [
        node('load', 'csv.read', {
          path: file,
          delimiter: ';',
          quote: "'",
          comment: '#',
          dateFormat: '%d/%m/%Y',
          decimalSeparator: ',',
          nullString: '-',
          encoding: 'latin-1',
        }),
        node('out', 'csv.write', { path: out }),
      ],
      [edge('load', 'table', 'out', 'table')],
    );
    expect(r.summary.status, JSON.stringify(r.summary.nodes)).toBe('completed');
    const rows = await withConnection((c) =>
      execute(
        c,
        `SELECT stadt, CAST(datum AS VARCHAR) AS datum, temp FROM read_csv('${out}') ORDER BY datum`,
        {
          signal: new AbortController().signal,
        },
      ),
    );
    expect(rows).toEqual([
      { stadt: 'Köln', datum: '2024-02-01', temp: 3.5 },
      { stadt: 'Bonn', datum: '2024-02-13', temp: null },
    ]);
    expect(r.logs('load').join('\n')).toContain(`quote "'", escape "'", comment "#"`);
  });

  it('a thousands separator reads 1.234.567,5 as a number; without it the column stays text', async () => {
    const file = path.join(dir, 'grouped.csv');
    await writeFile(file, 'city;population;area\nBerlin;3.878.100;891,7\nBonn;336.465;141,1\n');
    const graph = (thousandsSeparator: string): [WorkflowNode[], WorkflowEdge[]] => [
      [
        node('load', 'csv.read', { path: file, delimiter: ';', decimalSeparator: ',', thousandsSeparator }),
        node('q', 'sql.query', {
          sql: 'SELECT sum(population) AS people, any_value(typeof(population)) AS t FROM input',
        }),
        node('out', 'csv.write', { path: path.join(dir, `grouped-${thousandsSeparator}.csv`) }),
      ],
      [edge('load', 'table', 'q', 'input'), edge('q', 'table', 'out', 'table')],
    ];
    const grouped = await runWorkflow(...graph('.'));
    expect(grouped.summary.status, JSON.stringify(grouped.summary.nodes)).toBe('completed');
    const rows = await withConnection((c) =>
      execute(c, `SELECT * FROM read_csv('${path.join(dir, 'grouped-..csv')}')`, {
        signal: new AbortController().signal,
      }),
    );
    expect(rows.map((r) => [Number(r['people']), r['t']])).toEqual([[3878100 + 336465, 'BIGINT']]);
    expect(grouped.logs('load').join('\n')).toContain('thousands separator "."');
    // Without it the digit groups are not a number: sum() over text is refused at the check.
    expect((await refusal(...graph('none'))).join('\n')).toMatch(/Node "q".*sum\(VARCHAR\)/s);
  });

  it('JSON and Parquet readers name the file, the line and what is wrong', async () => {
    const ndjson = path.join(dir, 'bad.ndjson');
    await writeFile(ndjson, '{"a":1,"b":"x"}\n{"a":2,"b":"y"}\n{"a":3,"b":"z"\n{"a":4,"b":"w"}\n');
    await expect(
      jsonRead.inferOutputs!({ params: { path: ndjson, format: 'auto' }, inputs: {}, baseDir: dir }),
    ).rejects.toThrow(new RegExp(`^${esc(ndjson)}, line 3: not valid JSON \\(.*\\): \\{"a":3,"b":"z"$`));
    const array = path.join(dir, 'bad.json');
    await writeFile(array, '[{"a":1},\n{"a":2},\n{"a":3,,}\n]\n');
    await expect(
      jsonRead.inferOutputs!({ params: { path: array, format: 'auto' }, inputs: {}, baseDir: dir }),
    ).rejects.toThrow(`${array}, line 3, column 8: not valid JSON`);
    const truncated = path.join(dir, 'cut.parquet');
    const flights = await readFile(path.resolve('node_modules/vega-datasets/data/flights-3m.parquet'));
    await writeFile(truncated, flights.subarray(0, 5000));
    await expect(
      parquetRead.inferOutputs!({ params: { path: truncated }, inputs: {}, baseDir: dir }),
    ).rejects.toThrow(
      `${truncated}: not a Parquet file (No magic bytes found at end of file): truncated, or another format`,
    );
  });
});
