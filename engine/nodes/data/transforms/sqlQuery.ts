// sql.query: DuckDB SQL over one or more table inputs; each input port's name is a table name in the
// query. Deferred: the next node that needs rows executes the composed query.
import { defineNode } from '../../../sdk/index.js';
import { inferQueryType, runMultiTransform, runSourceQuery } from './transform.js';

interface SqlQueryParams {
  sql: string;
  ports: Array<{ name: string; type: string }>;
  checkpoint: boolean;
}

function portNames(params: SqlQueryParams): string[] {
  return (params.ports ?? []).map((p) => p.name).filter((n) => typeof n === 'string' && n !== '');
}

export default defineNode<SqlQueryParams>({
  type: 'sql.query',
  title: 'SQL',
  category: 'Transform',
  description:
    'A DuckDB SQL query over table inputs: each input port is a table of that name. The output schema is inferred with DESCRIBE.',
  inputs: [],
  outputs: [{ name: 'table', type: 'table' }],
  params: [
    {
      key: 'sql',
      kind: 'code',
      language: 'sql',
      required: true,
      default: 'SELECT * FROM input',
      label: 'SQL',
    },
    {
      key: 'ports',
      kind: 'ports',
      direction: 'input',
      default: [{ name: 'input', type: 'table' }],
      label: 'Input tables',
    },
    {
      key: 'checkpoint',
      kind: 'boolean',
      default: false,
      label: 'Checkpoint',
      description: 'Write the result to Parquet in the run folder instead of passing the query on.',
    },
  ],
  async inferOutputs({ params, inputs, share }) {
    return { table: await inferQueryType(params.sql, inputs, portNames(params), share) };
  },
  async run(ctx) {
    const names = portNames(ctx.params);
    // With no input tables the query is a source of its own (range(), read_parquet('…') …).
    if (names.length === 0) await runSourceQuery(ctx, ctx.params.sql, ctx.params.checkpoint);
    else await runMultiTransform(ctx, names, ctx.params.sql, ctx.params.checkpoint);
  },
});
