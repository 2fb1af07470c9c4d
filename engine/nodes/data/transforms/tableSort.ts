// table.sort: order rows by columns (`a, b DESC`).
import { defineNode } from '../../../sdk/index.js';
import { quoteIdent } from '../lib/tableRef.js';
import { requireColumns, runSingleTransform, splitList } from './transform.js';

interface TableSortParams {
  by: string;
}

/** `[column, direction]` pairs from `a, b DESC`. */
export function parseOrder(text: string): Array<[string, 'ASC' | 'DESC']> {
  return splitList(text).map((item) => {
    const m = /^(.+?)\s+(asc|desc)$/i.exec(item);
    return m ? [m[1]!.trim(), m[2]!.toUpperCase() as 'ASC' | 'DESC'] : [item, 'ASC'];
  });
}

const sortSql = (p: TableSortParams): string =>
  `SELECT * FROM input ORDER BY ${parseOrder(p.by)
    .map(([c, d]) => `${quoteIdent(c)} ${d}`)
    .join(', ')}`;

export default defineNode<TableSortParams>({
  type: 'table.sort',
  title: 'Sort rows',
  category: 'Transform',
  description: 'Orders rows by one or more columns, each ascending or DESC.',
  inputs: [{ name: 'table', type: 'table' }],
  outputs: [{ name: 'table', type: 'table' }],
  params: [{ key: 'by', kind: 'string', required: true, label: 'Order by', placeholder: 'date DESC, city' }],
  async inferOutputs({ inputs }) {
    return { table: inputs['table'] ?? 'table' };
  },
  async run(ctx) {
    await runSingleTransform(
      ctx,
      (input) => {
        requireColumns(
          ctx.nodeId,
          input.columns,
          parseOrder(ctx.params.by).map(([c]) => c),
        );
        return sortSql(ctx.params);
      },
      false,
      true,
    );
  },
});
