// json.write: executes the input table into a JSON array or NDJSON file (temporary file + rename).
import { defineNode } from '../../../sdk/index.js';
import { runFileSink } from './fileSink.js';

interface JsonWriteParams {
  path: string;
  format: 'newline_delimited' | 'array';
}

export default defineNode<JsonWriteParams>({
  type: 'json.write',
  title: 'Write JSON',
  category: 'Sinks',
  description: 'Writes the input table as NDJSON (one object per line) or as one JSON array, atomically.',
  inputs: [{ name: 'table', type: 'table' }],
  outputs: [{ name: 'table', type: 'table', description: 'The written file as a table.' }],
  params: [
    {
      key: 'path',
      kind: 'path',
      mode: 'save',
      extensions: ['json', 'ndjson', 'jsonl'],
      required: true,
      label: 'File',
    },
    {
      key: 'format',
      kind: 'choice',
      options: ['newline_delimited', 'array'],
      default: 'newline_delimited',
      label: 'Format',
    },
  ],
  preload: ['@duckdb/node-api'],
  async inferOutputs({ inputs }) {
    return { table: inputs['table'] ?? 'table' };
  },
  async run(ctx) {
    const format = ctx.params.format ?? 'newline_delimited';
    await runFileSink(
      ctx,
      ctx.resolvePath(ctx.params.path),
      `FORMAT json, ARRAY ${format === 'array'}`,
      (p) => ({ kind: 'json', path: p, format }),
    );
  },
});
