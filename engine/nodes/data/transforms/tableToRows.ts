// table.to-rows: streams the rows of a table as messages (one object each, or arrays of `batch`).
import { RowCapture, captureUpstream, writePreview } from '../lib/previewCapture.js';
import { defineNode } from '../../../sdk/index.js';
import { normalizeRows, streamRows, withConnection } from '../lib/duck.js';
import { blameFailure } from '../lib/blame.js';
import { tablesOf } from '../lib/tableIo.js';
import { selectSql } from '../lib/tableRef.js';

interface TableToRowsParams {
  batch: number;
}

export default defineNode<TableToRowsParams>({
  type: 'table.to-rows',
  title: 'Table to rows',
  category: 'Transform',
  description:
    'Executes the table and sends its rows downstream: one message per row, or arrays of `batch` rows.',
  inputs: [{ name: 'table', type: 'table' }],
  outputs: [{ name: 'rows', type: 'any' }],
  params: [
    {
      key: 'batch',
      kind: 'number',
      integer: true,
      min: 0,
      default: 0,
      label: 'Rows per message',
      description: '0 sends each row as its own message.',
    },
  ],
  preload: ['@duckdb/node-api'],
  async run(ctx) {
    const out = ctx.outputs['rows']!;
    const size = Math.max(0, Math.floor(ctx.params.batch ?? 0));
    for await (const ref of tablesOf(ctx, 'table', true)) {
      const names = ref.columns.map((c) => c.name);
      let sent = 0;
      let pending: Record<string, unknown>[] = [];
      const capture = new RowCapture(ref.columns);
      await withConnection(async (c) => {
        try {
          for await (const chunk of streamRows(c, selectSql(ref), ctx.signal)) {
            capture.add(chunk);
            const objects = normalizeRows(
              chunk.map((row) => Object.fromEntries(names.map((n, i) => [n, row[i]]))),
              ref.columns,
            );
            for (const row of objects) {
              if (size === 0) await out.send(row);
              else {
                pending.push(row);
                if (pending.length >= size) {
                  await out.send(pending);
                  pending = [];
                }
              }
            }
            sent += objects.length;
            ctx.progress({ done: sent, message: `${sent} rows` });
          }
        } catch (err) {
          throw await blameFailure(ctx, ref, err);
        }
      });
      if (pending.length) await out.send(pending);
      await writePreview(ctx, ref, capture.preview());
      await captureUpstream(ctx, ref);
    }
  },
});
