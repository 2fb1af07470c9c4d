// csv.write: executes the input table into a CSV file (temporary file + rename, never half-written).
import { defineNode } from '../../../sdk/index.js';
import { runFileSink } from './fileSink.js';
import { quoteLiteral } from '../lib/tableRef.js';

interface CsvWriteParams {
  path: string;
  header: boolean;
  delimiter: string;
}

export default defineNode<CsvWriteParams>({
  type: 'csv.write',
  title: 'Write CSV',
  category: 'Sinks',
  description: 'Writes the input table to a CSV file, atomically.',
  inputs: [{ name: 'table', type: 'table' }],
  outputs: [{ name: 'table', type: 'table', description: 'The written file as a table.' }],
  params: [
    { key: 'path', kind: 'path', mode: 'save', extensions: ['csv', 'tsv'], required: true, label: 'File' },
    { key: 'header', kind: 'boolean', default: true, label: 'Write a header' },
    { key: 'delimiter', kind: 'string', default: ',', label: 'Delimiter' },
  ],
  preload: ['@duckdb/node-api'],
  async inferOutputs({ inputs }) {
    return { table: inputs['table'] ?? 'table' };
  },
  async run(ctx) {
    const delim = ctx.params.delimiter === '\\t' ? '\t' : ctx.params.delimiter || ',';
    const header = ctx.params.header !== false;
    await runFileSink(
      ctx,
      ctx.resolvePath(ctx.params.path),
      `FORMAT csv, HEADER ${header}, DELIMITER ${quoteLiteral(delim)}`,
      (p) => ({
        kind: 'csv',
        path: p,
        options: { header, delimiter: delim },
      }),
    );
  },
});
