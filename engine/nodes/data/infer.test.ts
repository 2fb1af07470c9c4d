// Output types before the run: sources sniff their file, SQL-shaped nodes DESCRIBE their query over
// empty stand-ins of the input types, so the canvas and the type check see the columns.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import csvRead from './sources/csvRead.js';
import parquetRead from './sources/parquetRead.js';
import sqlQuery from './transforms/sqlQuery.js';
import tableAggregate from './transforms/tableAggregate.js';
import tableJoin from './transforms/tableJoin.js';
import tableSelect from './transforms/tableSelect.js';

const BASE = path.resolve('node_modules/vega-datasets');
const WEATHER_TYPE =
  'table{date:date,precipitation:number,temp_max:number,temp_min:number,wind:number,weather:string}';

describe('inferOutputs', () => {
  it('csv.read and parquet.read report the file columns', async () => {
    const csv = await csvRead.inferOutputs!({
      params: { path: 'data/seattle-weather.csv', header: true, delimiter: '', validate: false },
      inputs: {},
      baseDir: BASE,
    });
    expect(csv).toEqual({ table: WEATHER_TYPE });
    const pq = await parquetRead.inferOutputs!({
      params: { path: 'data/flights-3m.parquet' },
      inputs: {},
      baseDir: BASE,
    });
    expect(pq['table']).toMatch(/^table\{.*origin:string.*\}$/);
  });

  it('sql.query, table.select, table.aggregate and table.join derive theirs from the input types', async () => {
    const sql = await sqlQuery.inferOutputs!({
      params: {
        sql: 'SELECT weather, year(date) AS y, avg(wind) AS w FROM days GROUP BY ALL',
        ports: [{ name: 'days', type: 'table' }],
        checkpoint: false,
      },
      inputs: { days: WEATHER_TYPE },
      baseDir: BASE,
    });
    expect(sql).toEqual({ table: 'table{weather:string,y:integer,w:number}' });
    expect(
      await tableSelect.inferOutputs!({
        params: { columns: 'date, weather AS kind' },
        inputs: { table: WEATHER_TYPE },
        baseDir: BASE,
      }),
    ).toEqual({
      table: 'table{date:date,kind:string}',
    });
    expect(
      await tableAggregate.inferOutputs!({
        params: { groupBy: 'weather', aggregates: 'count(*) AS n' },
        inputs: { table: WEATHER_TYPE },
        baseDir: BASE,
      }),
    ).toEqual({ table: 'table{weather:string,n:integer}' });
    expect(
      await tableJoin.inferOutputs!({
        params: { on: 'id', condition: '', how: 'left' },
        inputs: { left: 'table{id:integer,a:string}', right: 'table{id:integer,b:number}' },
        baseDir: BASE,
      }),
    ).toEqual({ table: 'table{id:integer,a:string,b:number}' });
  });

  it('an input whose columns are unknown gives plain table; a bad query throws with the column', async () => {
    expect(
      await sqlQuery.inferOutputs!({
        params: { sql: 'SELECT * FROM input', ports: [{ name: 'input', type: 'table' }], checkpoint: false },
        inputs: {},
        baseDir: BASE,
      }),
    ).toEqual({
      table: 'table',
    });
    await expect(
      sqlQuery.inferOutputs!({
        params: {
          sql: 'SELECT nope FROM input',
          ports: [{ name: 'input', type: 'table' }],
          checkpoint: false,
        },
        inputs: { input: WEATHER_TYPE },
        baseDir: BASE,
      }),
    ).rejects.toThrow(/nope/);
  });
});
