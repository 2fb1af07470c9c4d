// data.inspect: a sink that shows what arrives. Tables are recorded for preview (port "in") and
// summarized in the log (schema, row count, first rows); other values are logged as JSON.
import { captureUpstream, PREVIEW_ROWS, previewOf, writePreview } from '../lib/previewCapture.js';
import { assertOneSelect } from '../lib/selectOnly.js';
import { defineNode } from '../../../sdk/index.js';
import { execute, normalizeRows, withConnection } from '../lib/duck.js';
import { blameFailure } from '../lib/blame.js';
import { recordTable } from '../lib/tableIo.js';
import { isTableRef, selectSql } from '../lib/tableRef.js';
import { tableTypeOf } from '../lib/tableType.js';

interface InspectParams {
  rows: number;
}

export default defineNode<InspectParams>({
  type: 'data.inspect',
  title: 'Inspect',
  category: 'Sinks',
  description: 'Logs what arrives. A table is previewable after the run (schema, row count, first rows).',
  inputs: [{ name: 'in', type: 'any', multi: true }],
  outputs: [],
  params: [{ key: 'rows', kind: 'number', integer: true, min: 0, default: 5, label: 'Rows to log' }],
  preload: ['@duckdb/node-api'],
  async run(ctx) {
    let count = 0;
    const limit = Math.max(0, Math.floor(ctx.params.rows ?? 5));
    for await (const value of ctx.inputs['in']!) {
      count++;
      if (!isTableRef(value)) {
        ctx.log.info(JSON.stringify(value)?.slice(0, 2000) ?? String(value));
        continue;
      }
      await recordTable(ctx, 'in', value);
      try {
        const [summary, rows] = await withConnection(async (c) => {
          await assertOneSelect(c, selectSql(value), 'The recorded query');
          const n = await execute(c, `SELECT count(*) AS n FROM (${selectSql(value)})`, {
            signal: ctx.signal,
          });
          // The preview of the run keeps more rows than the log shows.
          const r = await execute(c, `SELECT * FROM (${selectSql(value)}) LIMIT ${PREVIEW_ROWS}`, {
            signal: ctx.signal,
          });
          return [Number(n[0]?.['n'] ?? 0), normalizeRows(r, value.columns)] as const;
        });
        ctx.log.info(`${tableTypeOf(value.columns)}: ${summary} rows`);
        for (const row of rows.slice(0, limit)) ctx.log.info(JSON.stringify(row));
        await writePreview(ctx, value, previewOf(value.columns, summary, [...rows]), [
          { node: ctx.nodeId, port: 'in' },
        ]);
        await captureUpstream(ctx, value);
      } catch (err) {
        throw await blameFailure(ctx, value, err);
      }
    }
    ctx.progress({ fraction: 1, message: `${count} values` });
  },
});
