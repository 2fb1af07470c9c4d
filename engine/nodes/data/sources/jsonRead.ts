// json.read: a JSON array file or NDJSON (one object per line) as a table ref.
import { defineNode } from '../../../sdk/index.js';
import { inferFileTable, resolveAgainst, runFileTable, type FileSource } from './fileSource.js';
import { sendTable } from '../lib/tableIo.js';

interface JsonReadParams {
  path: string;
  format: 'auto' | 'newline_delimited' | 'array';
}

function source(params: JsonReadParams, resolve: (p: string) => string): FileSource {
  return { kind: 'json', path: resolve(params.path), format: params.format ?? 'auto' };
}

export default defineNode<JsonReadParams>({
  type: 'json.read',
  title: 'Read JSON',
  category: 'Sources',
  description: 'Reads a JSON file (an array of objects) or NDJSON (one object per line).',
  inputs: [],
  outputs: [{ name: 'table', type: 'table' }],
  params: [
    {
      key: 'path',
      kind: 'path',
      mode: 'open',
      extensions: ['json', 'ndjson', 'jsonl'],
      required: true,
      label: 'File',
    },
    {
      key: 'format',
      kind: 'choice',
      options: ['auto', 'newline_delimited', 'array'],
      default: 'auto',
      label: 'Format',
    },
  ],
  async inferOutputs({ params, baseDir, share }) {
    return inferFileTable(params.path ? source(params, (p) => resolveAgainst(baseDir, p)) : undefined, share);
  },
  async run(ctx) {
    const ref = await runFileTable(ctx.nodeId, source(ctx.params, ctx.resolvePath), ctx.inferred, ctx.signal);
    await sendTable(ctx, 'table', ref);
  },
});
