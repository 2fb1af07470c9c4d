// table.aggregate: group by columns and compute aggregates written in SQL.
import { defineNode } from '../../../sdk/index.js';
import { quoteIdent } from '../lib/tableRef.js';
import { inferQueryType, requireColumns, runSingleTransform, splitList } from './transform.js';

interface TableAggregateParams {
  groupBy: string;
  aggregates: string;
}

function aggregateSql(p: TableAggregateParams): string {
  const keys = splitList(p.groupBy).map(quoteIdent);
  const select = [...keys, p.aggregates].filter((s) => s && s.trim() !== '').join(', ');
  return keys.length === 0
    ? `SELECT ${select} FROM input`
    : `SELECT ${select} FROM input GROUP BY ${keys.join(', ')}`;
}

export default defineNode<TableAggregateParams>({
  type: 'table.aggregate',
  title: 'Aggregate',
  category: 'Transform',
  description: 'Groups rows by key columns and computes SQL aggregates (count(*) AS n, avg(x) AS mean …).',
  inputs: [{ name: 'table', type: 'table' }],
  outputs: [{ name: 'table', type: 'table' }],
  params: [
    { key: 'groupBy', kind: 'string', default: '', label: 'Group by', placeholder: 'weather' },
    {
      key: 'aggregates',
      kind: 'code',
      language: 'sql',
      required: true,
      default: 'count(*) AS n',
      label: 'Aggregates',
    },
  ],
  async inferOutputs({ params, inputs, share }) {
    if (!params.aggregates) return { table: 'table' };
    return {
      table: await inferQueryType(aggregateSql(params), { input: inputs['table'] ?? '' }, ['input'], share),
    };
  },
  async run(ctx) {
    await runSingleTransform(ctx, (input) => {
      requireColumns(ctx.nodeId, input.columns, splitList(ctx.params.groupBy));
      return aggregateSql(ctx.params);
    });
  },
});
