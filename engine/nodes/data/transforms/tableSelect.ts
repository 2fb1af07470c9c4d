// table.select: keep some columns, optionally renamed (`a, b AS c`).
import { defineNode } from '../../../sdk/index.js';
import { quoteIdent } from '../lib/tableRef.js';
import { inferQueryType, requireColumns, runSingleTransform, splitList } from './transform.js';

interface TableSelectParams {
  columns: string;
}

/** `[source, alias]` pairs from `a, b AS c`. */
export function parseSelection(text: string): Array<[string, string]> {
  return splitList(text).map((item) => {
    const m = /^(.+?)\s+as\s+(.+)$/i.exec(item);
    return m ? [m[1]!.trim(), m[2]!.trim()] : [item, item];
  });
}

function selectSql(params: TableSelectParams): string {
  const items = parseSelection(params.columns).map(([src, alias]) =>
    src === alias ? quoteIdent(src) : `${quoteIdent(src)} AS ${quoteIdent(alias)}`,
  );
  return `SELECT ${items.join(', ')} FROM input`;
}

export default defineNode<TableSelectParams>({
  type: 'table.select',
  title: 'Select columns',
  category: 'Transform',
  description: 'Keeps the listed columns in that order; `name AS new` renames one.',
  inputs: [{ name: 'table', type: 'table' }],
  outputs: [{ name: 'table', type: 'table' }],
  params: [
    {
      key: 'columns',
      kind: 'string',
      required: true,
      label: 'Columns',
      placeholder: 'date, temp_max AS high',
    },
  ],
  async inferOutputs({ params, inputs, share }) {
    if (!params.columns) return { table: 'table' };
    return {
      table: await inferQueryType(selectSql(params), { input: inputs['table'] ?? '' }, ['input'], share),
    };
  },
  async run(ctx) {
    await runSingleTransform(ctx, (input) => {
      requireColumns(
        ctx.nodeId,
        input.columns,
        parseSelection(ctx.params.columns).map(([src]) => src),
      );
      return selectSql(ctx.params);
    });
  },
});
