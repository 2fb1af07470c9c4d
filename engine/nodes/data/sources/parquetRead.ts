// parquet.read: a Parquet file as a table ref.
import { defineNode } from '../../../sdk/index.js';
import { inferFileTable, resolveAgainst, runFileTable } from './fileSource.js';
import { sendTable } from '../lib/tableIo.js';

interface ParquetReadParams {
  path: string;
}

export default defineNode<ParquetReadParams>({
  type: 'parquet.read',
  title: 'Read Parquet',
  category: 'Sources',
  description: 'Reads a Parquet file; its schema comes from the file footer.',
  inputs: [],
  outputs: [{ name: 'table', type: 'table' }],
  params: [
    { key: 'path', kind: 'path', mode: 'open', extensions: ['parquet'], required: true, label: 'File' },
  ],
  async inferOutputs({ params, baseDir, share }) {
    return inferFileTable(
      params.path ? { kind: 'parquet', path: resolveAgainst(baseDir, params.path) } : undefined,
      share,
    );
  },
  async run(ctx) {
    const ref = await runFileTable(
      ctx.nodeId,
      { kind: 'parquet', path: ctx.resolvePath(ctx.params.path) },
      ctx.inferred,
      ctx.signal,
    );
    await sendTable(ctx, 'table', ref);
  },
});
