// csv.read: a CSV/TSV file as a table ref (rows stay in the file until a node needs them).
import { defineNode } from '../../../sdk/index.js';
import { inferFileTable, resolveAgainst, runFileTable, validateFile, type FileSource } from './fileSource.js';
import { sendTable } from '../lib/tableIo.js';

interface CsvReadParams {
  path: string;
  header: boolean;
  delimiter: string;
  validate: boolean;
}

function source(params: CsvReadParams, resolve: (p: string) => string): FileSource {
  return {
    kind: 'csv',
    path: resolve(params.path),
    options: {
      header: params.header,
      ...(params.delimiter ? { delimiter: params.delimiter === '\\t' ? '\t' : params.delimiter } : {}),
    },
  };
}

export default defineNode<CsvReadParams>({
  type: 'csv.read',
  title: 'Read CSV',
  category: 'Sources',
  description: 'Reads a CSV or TSV file. Column types are inferred by DuckDB and shown on the output port.',
  inputs: [],
  outputs: [{ name: 'table', type: 'table', description: 'The file as a table reference.' }],
  params: [
    {
      key: 'path',
      kind: 'path',
      mode: 'open',
      extensions: ['csv', 'tsv', 'txt'],
      required: true,
      label: 'File',
    },
    { key: 'header', kind: 'boolean', default: true, label: 'First line is a header' },
    {
      key: 'delimiter',
      kind: 'string',
      default: '',
      label: 'Delimiter',
      placeholder: 'auto (write \\t for tab)',
    },
    {
      key: 'validate',
      kind: 'boolean',
      default: false,
      label: 'Check every row now',
      description: 'Reads the whole file in this node so a broken row fails here rather than downstream.',
    },
  ],
  preload: ['@duckdb/node-api'],
  async inferOutputs({ params, baseDir, share }) {
    return inferFileTable(params.path ? source(params, (p) => resolveAgainst(baseDir, p)) : undefined, share);
  },
  async run(ctx) {
    ctx.progress({ fraction: 0, message: 'sniffing' });
    const ref = await runFileTable(ctx.nodeId, source(ctx.params, ctx.resolvePath), ctx.inferred, ctx.signal);
    if (ctx.params.validate) {
      const n = await validateFile(ctx.nodeId, ref, ctx.signal);
      ctx.log.info(`${n} rows checked`);
    }
    await sendTable(ctx, 'table', ref);
    ctx.progress({ fraction: 1 });
  },
});
