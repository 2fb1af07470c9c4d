// table.join: joins `left` and `right` on columns of the same name (USING), or on a SQL condition.
import { defineNode } from '../../../sdk/index.js';
import { quoteIdent } from '../lib/tableRef.js';
import { inferQueryType, requireColumns, runMultiTransform, splitList } from './transform.js';
import { zipTables, deferQuery, sendTable } from '../lib/tableIo.js';

interface TableJoinParams {
  on: string;
  condition: string;
  how: 'inner' | 'left' | 'right' | 'full';
}

function joinSql(p: TableJoinParams): string {
  const how = (p.how ?? 'inner').toUpperCase();
  // LEFT and RIGHT are SQL keywords: a condition names the two sides by the aliases l and r.
  if (p.condition) return `SELECT * FROM "left" AS l ${how} JOIN "right" AS r ON ${p.condition}`;
  return `SELECT * FROM "left" ${how} JOIN "right" USING (${splitList(p.on).map(quoteIdent).join(', ')})`;
}

export default defineNode<TableJoinParams>({
  type: 'table.join',
  title: 'Join',
  category: 'Transform',
  description:
    'Joins two tables on columns present in both (USING) or on a SQL condition over l (left) and r (right).',
  inputs: [
    { name: 'left', type: 'table' },
    { name: 'right', type: 'table' },
  ],
  outputs: [{ name: 'table', type: 'table' }],
  params: [
    { key: 'on', kind: 'string', default: '', label: 'Join columns', placeholder: 'id, date' },
    {
      key: 'condition',
      kind: 'code',
      language: 'sql',
      default: '',
      label: 'Or a condition',
      description: 'A SQL condition over l (the left input) and r (the right one), e.g. l.origin = r.iata',
    },
    {
      key: 'how',
      kind: 'choice',
      options: ['inner', 'left', 'right', 'full'],
      default: 'inner',
      label: 'Join',
    },
  ],
  async inferOutputs({ params, inputs, share }) {
    if (!params.on && !params.condition) return { table: 'table' };
    return { table: await inferQueryType(joinSql(params), inputs, ['left', 'right'], share) };
  },
  async run(ctx) {
    if (!ctx.params.on && !ctx.params.condition)
      throw new Error(`Node "${ctx.nodeId}": set the join columns or a condition`);
    if (ctx.params.condition) return runMultiTransform(ctx, ['left', 'right'], joinSql(ctx.params));
    for await (const inputs of zipTables(ctx, ['left', 'right'])) {
      const keys = splitList(ctx.params.on);
      requireColumns(`${ctx.nodeId}" input "left`, inputs['left']!.columns, keys);
      requireColumns(`${ctx.nodeId}" input "right`, inputs['right']!.columns, keys);
      await sendTable(ctx, 'table', await deferQuery(ctx, joinSql(ctx.params), inputs));
    }
  },
});
