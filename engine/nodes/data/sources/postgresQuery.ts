// postgres.query: rows of a PostgreSQL query, fetched through a cursor and written once to Parquet in
// the run folder; the output is a table ref to that file.
import { defineNode } from '../../../sdk/index.js';
import {
  connectionParamSpecs,
  describePgError,
  resolvePgConfig,
  type ConnectionParams,
} from '../lib/connections.js';
import { connectPg, dbTypeOfPgOid } from '../lib/pg.js';
import { rowsToTable, type RowColumn } from '../lib/rowsTable.js';
import { sendTable } from '../lib/tableIo.js';
import { trimStatement } from '../lib/tableRef.js';

interface PostgresQueryParams extends ConnectionParams {
  sql: string;
}

const FETCH = 10_000;

export default defineNode<PostgresQueryParams>({
  type: 'postgres.query',
  title: 'PostgreSQL query',
  category: 'Sources',
  description: 'Runs a query on PostgreSQL and outputs its rows as a table (Parquet in the run folder).',
  inputs: [],
  outputs: [{ name: 'table', type: 'table' }],
  params: [
    { key: 'sql', kind: 'code', language: 'sql', required: true, label: 'SQL', default: 'SELECT 1 AS one' },
    ...connectionParamSpecs,
  ],
  preload: ['@duckdb/node-api'],
  async run(ctx) {
    const cfg = await resolvePgConfig(ctx.nodeId, ctx.params, ctx.resolvePath);
    const client = await connectPg(ctx.nodeId, cfg);
    const onAbort = (): void => void client.end();
    ctx.signal.addEventListener('abort', onAbort, { once: true });
    try {
      await client.query('BEGIN READ ONLY');
      await client.query(`DECLARE sluice_cursor NO SCROLL CURSOR FOR ${trimStatement(ctx.params.sql)}`);
      const first = await client.query({ text: `FETCH ${FETCH} FROM sluice_cursor`, rowMode: 'array' });
      const columns: RowColumn[] = first.fields.map((f) => ({
        name: f.name,
        dbType: dbTypeOfPgOid(f.dataTypeID),
      }));
      async function* batches(): AsyncGenerator<unknown[][]> {
        let rows = first.rows as unknown[][];
        while (rows.length > 0) {
          yield rows;
          if (rows.length < FETCH) return;
          rows = (await client.query({ text: `FETCH ${FETCH} FROM sluice_cursor`, rowMode: 'array' }))
            .rows as unknown[][];
        }
      }
      const ref = await rowsToTable(ctx, 'table', columns, batches());
      await client.query('COMMIT');
      await sendTable(ctx, 'table', ref);
    } catch (err) {
      if (ctx.signal.aborted) throw err;
      if (err instanceof Error && err.message.startsWith(`Node "${ctx.nodeId}"`)) throw err;
      throw describePgError(ctx.nodeId, cfg, err);
    } finally {
      ctx.signal.removeEventListener('abort', onAbort);
      await client.end().catch(() => undefined);
    }
  },
});
