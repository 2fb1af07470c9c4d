// parquet.write: executes the input table into a Parquet file (temporary file + rename).
import { defineNode } from '../../../sdk/index.js';
import { runFileSink } from './fileSink.js';

interface ParquetWriteParams {
  path: string;
  compression: 'snappy' | 'zstd' | 'gzip' | 'uncompressed';
}

export default defineNode<ParquetWriteParams>({
  type: 'parquet.write',
  title: 'Write Parquet',
  category: 'Sinks',
  description:
    'Writes the input table to a Parquet file, atomically. This is where a deferred query chain executes.',
  inputs: [{ name: 'table', type: 'table' }],
  outputs: [{ name: 'table', type: 'table', description: 'The written file as a table.' }],
  params: [
    { key: 'path', kind: 'path', mode: 'save', extensions: ['parquet'], required: true, label: 'File' },
    {
      key: 'compression',
      kind: 'choice',
      options: ['snappy', 'zstd', 'gzip', 'uncompressed'],
      default: 'snappy',
      label: 'Compression',
    },
  ],
  preload: ['@duckdb/node-api'],
  async inferOutputs({ inputs }) {
    return { table: inputs['table'] ?? 'table' };
  },
  async run(ctx) {
    const compression = ctx.params.compression ?? 'snappy';
    await runFileSink(
      ctx,
      ctx.resolvePath(ctx.params.path),
      `FORMAT parquet, COMPRESSION ${compression}`,
      (p) => ({ kind: 'parquet', path: p }),
    );
  },
});
