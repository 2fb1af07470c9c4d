// Unit tests of table ref composition (pure SQL text), checked again by running it in DuckDB.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { execute, withConnection } from './duck.js';
import { caretPosition, describeDuckError } from './errors.js';
import { fileTable } from '../sources/fileSource.js';
import {
  CSV_BUFFER_BYTES,
  fileRef,
  queryDepth,
  queryRef,
  refFiles,
  selectSql,
  sluiceTypeOf,
  standInRef,
  trimStatement,
} from './tableRef.js';
import { columnsOfTypeExpr, tableTypeOf } from './tableType.js';

const WEATHER = path.resolve('node_modules/vega-datasets/data/seattle-weather.csv');
const csv = fileRef({ kind: 'csv', path: WEATHER, options: { header: true, delimiter: ',' } }, []);

describe('table refs', () => {
  it('a file ref reads the file with its options', () => {
    expect(selectSql(csv)).toBe(
      `SELECT * FROM read_csv('${WEATHER}', header=true, delim=',', strict_mode=true)`,
    );
    const pinned = fileRef(
      { kind: 'csv', path: "/d/it's.csv", options: { header: false, columnTypes: { a: 'BIGINT' } } },
      [],
    );
    expect(selectSql(pinned)).toBe(
      `SELECT * FROM read_csv('/d/it''s.csv', header=false, strict_mode=true, columns={'a': 'BIGINT'})`,
    );
  });

  it('deferred queries compose into CTEs named after their inputs, nested as deep as the chain', async () => {
    const rainy = queryRef("SELECT * FROM input WHERE weather = 'rain';", { input: csv }, []);
    const byYear = queryRef(
      'WITH y AS (SELECT year(date) AS yr FROM days) SELECT yr, count(*) AS n FROM y GROUP BY yr ORDER BY yr',
      { days: rainy },
      [],
    );
    const sql = selectSql(byYear);
    expect(sql.startsWith('WITH "days" AS (WITH "input" AS (SELECT * FROM read_csv(')).toBe(true);
    expect(queryDepth(byYear)).toBe(2);
    expect(refFiles(byYear)).toEqual([WEATHER]);
    const rows = await withConnection((c) => execute(c, sql, { signal: new AbortController().signal }));
    const direct = await withConnection((c) =>
      execute(
        c,
        `SELECT year(date) AS yr, count(*) AS n FROM read_csv('${WEATHER}') WHERE weather = 'rain' GROUP BY yr ORDER BY yr`,
        {
          signal: new AbortController().signal,
        },
      ),
    );
    expect(rows).toEqual(direct);
    expect(rows).toHaveLength(4);
  });

  it('two inputs of one query compose side by side', async () => {
    const q = queryRef('SELECT count(*) AS n FROM a JOIN b USING (date)', { a: csv, b: csv }, []);
    const rows = await withConnection((c) =>
      execute(c, selectSql(q), { signal: new AbortController().signal }),
    );
    expect(rows).toEqual([{ n: '1461' }]);
  });

  it('stand-ins have the columns of a port type and no rows', async () => {
    const cols = columnsOfTypeExpr('table{date:date,"max temp":number,n:integer}')!;
    expect(cols.map((c) => c.dbType)).toEqual(['DATE', 'DOUBLE', 'BIGINT']);
    const rows = await withConnection((c) =>
      execute(c, selectSql(standInRef(cols)), { signal: new AbortController().signal }),
    );
    expect(rows).toEqual([]);
    expect(tableTypeOf(cols)).toBe('table{date:date,"max temp":number,n:integer}');
    expect(columnsOfTypeExpr('number')).toBeNull();
    expect(columnsOfTypeExpr('table')).toBeNull();
  });

  it('a sniffed CSV ref pins its dialect and types, so later reads skip sniffing', async () => {
    const ref = await fileTable('load', { kind: 'csv', path: WEATHER, options: { header: true } });
    const sql = selectSql(ref);
    expect(sql).toContain("delim=','");
    expect(sql).toContain('auto_detect=false');
    expect(sql).toContain("dateformat='%Y-%m-%d'");
    const rows = await withConnection((c) =>
      execute(c, `SELECT count(*) AS n, max(date) AS last FROM (${sql})`, {
        signal: new AbortController().signal,
      }),
    );
    expect(rows).toEqual([{ n: '1461', last: '2015-12-31' }]);
  });

  it('a pinned read with its smaller buffer still reads rows that span buffers, up to 2 MB long', async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'sluice-buf-')), 'long.csv');
    // Short rows up to just before the first buffer's end, then a 1.9 MB row across it.
    const short = `1,${'x'.repeat(98)}\n`;
    const head = 'id,text\n' + short.repeat(Math.floor((CSV_BUFFER_BYTES - 500_000) / short.length));
    writeFileSync(file, `${head}2,${'y'.repeat(1_900_000)}\n${short.repeat(50_000)}`);
    const ref = await fileTable('load', { kind: 'csv', path: file, options: { header: true } });
    expect(selectSql(ref)).toContain(`buffer_size=${CSV_BUFFER_BYTES}`);
    const rows = await withConnection((c) =>
      execute(c, `SELECT count(*) AS n, max(length(text)) AS longest FROM (${selectSql(ref)})`, {
        signal: new AbortController().signal,
      }),
    );
    const n = (head.split('\n').length - 2 + 1 + 50_000).toString();
    expect(rows).toEqual([{ n, longest: '1900000' }]);
  });

  it('maps DuckDB types to Sluice scalars', () => {
    expect(
      [
        'BIGINT',
        'DECIMAL(4,2)',
        'VARCHAR',
        'BOOLEAN',
        'DATE',
        'TIMESTAMP WITH TIME ZONE',
        'STRUCT(a INTEGER)',
      ].map(sluiceTypeOf),
    ).toEqual(['integer', 'number', 'string', 'boolean', 'date', 'timestamp', 'json']);
    expect(trimStatement('SELECT 1 ;\n ')).toBe('SELECT 1');
  });

  it('names the position of a syntax error and the missing column', () => {
    const parser =
      'Parser Error: syntax error at or near "x"\n\nLINE 1: SELECT * FORM x\n                      ^';
    expect(caretPosition(parser)).toEqual({ line: 1, column: 15 });
    expect(describeDuckError(new Error(parser), 'Node "q"')).toBe(
      'Node "q": syntax error at line 1, column 15: Parser Error: syntax error at or near "x"',
    );
    const binder =
      'Binder Error: Referenced column "nope" not found in FROM clause!\nCandidate bindings: "date"\n\nLINE 1: SELECT nope';
    expect(describeDuckError(new Error(binder), 'Node "q"')).toBe(
      'Node "q": missing column "nope" (columns: "date")',
    );
  });
});
