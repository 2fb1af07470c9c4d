// table.filter: rows for which a SQL condition holds.
import { defineNode } from '../../../sdk/index.js';
import { inferQueryType, runSingleTransform } from './transform.js';

interface TableFilterParams {
  where: string;
}

const filterSql = (p: TableFilterParams): string => `SELECT * FROM input WHERE ${p.where}`;

export default defineNode<TableFilterParams>({
  type: 'table.filter',
  title: 'Filter rows',
  category: 'Transform',
  description: 'Keeps the rows for which a SQL condition is true.',
  inputs: [{ name: 'table', type: 'table' }],
  outputs: [{ name: 'table', type: 'table' }],
  params: [
    { key: 'where', kind: 'code', language: 'sql', required: true, label: 'Condition', default: 'true' },
  ],
  async inferOutputs({ params, inputs, share }) {
    if (!params.where) return { table: inputs['table'] ?? 'table' };
    return {
      table: await inferQueryType(filterSql(params), { input: inputs['table'] ?? '' }, ['input'], share),
    };
  },
  async run(ctx) {
    await runSingleTransform(ctx, () => filterSql(ctx.params));
  },
});
