// rows.to-table: collects row objects (or arrays of them) from a stream into one table.
import { defineNode } from '../../../sdk/index.js';
import { rowsToTable } from '../lib/rowsTable.js';
import { sendTable } from '../lib/tableIo.js';

type RowsToTableParams = Record<string, never>;

export default defineNode<RowsToTableParams>({
  type: 'rows.to-table',
  title: 'Rows to table',
  category: 'Transform',
  description:
    'Collects every row (an object, or an array of objects) arriving on the input into one table; column types are inferred.',
  inputs: [{ name: 'rows', type: 'any' }],
  outputs: [{ name: 'table', type: 'table' }],
  params: [],
  preload: ['@duckdb/node-api'],
  async run(ctx) {
    const input = ctx.inputs['rows']!;
    async function* batches(): AsyncGenerator<Array<Record<string, unknown>>> {
      for await (const value of input) {
        const rows = Array.isArray(value) ? value : [value];
        for (const row of rows) {
          if (!row || typeof row !== 'object' || Array.isArray(row)) {
            throw new Error(
              `Node "${ctx.nodeId}", input "rows": expected an object per row, got ${JSON.stringify(row)?.slice(0, 80)}`,
            );
          }
        }
        yield rows as Array<Record<string, unknown>>;
      }
    }
    await sendTable(ctx, 'table', await rowsToTable(ctx, 'table', undefined, batches()));
  },
});
