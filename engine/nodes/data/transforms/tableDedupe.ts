// table.dedupe: one row per distinct key (or per distinct whole row).
import { defineNode } from '../../../sdk/index.js';
import { quoteIdent } from '../lib/tableRef.js';
import { requireColumns, runSingleTransform, splitList } from './transform.js';

interface TableDedupeParams {
  keys: string;
}

function dedupeSql(p: TableDedupeParams): string {
  const keys = splitList(p.keys);
  return keys.length === 0
    ? 'SELECT DISTINCT * FROM input'
    : `SELECT DISTINCT ON (${keys.map(quoteIdent).join(', ')}) * FROM input`;
}

export default defineNode<TableDedupeParams>({
  type: 'table.dedupe',
  title: 'Remove duplicates',
  category: 'Transform',
  description: 'Keeps one row per distinct value of the key columns; with no keys, removes identical rows.',
  inputs: [{ name: 'table', type: 'table' }],
  outputs: [{ name: 'table', type: 'table' }],
  params: [{ key: 'keys', kind: 'string', default: '', label: 'Key columns', placeholder: 'all columns' }],
  async inferOutputs({ inputs }) {
    return { table: inputs['table'] ?? 'table' };
  },
  async run(ctx) {
    await runSingleTransform(
      ctx,
      (input) => {
        requireColumns(ctx.nodeId, input.columns, splitList(ctx.params.keys));
        return dedupeSql(ctx.params);
      },
      false,
      true,
    );
  },
});
