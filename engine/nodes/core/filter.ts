import { defineNode } from '../../sdk/index.js';
import { ERROR_PORT, mapBatches, NONE, ON_ERROR_PARAM, type OnError } from './batchMap.js';
import { compileUserFunction } from './compile.js';

/** Passes on the values for which a JavaScript predicate is truthy, a batch at a time (batchMap.ts). */
export default defineNode<{ code: string; onError: OnError }>({
  type: 'core.filter',
  title: 'Filter',
  category: 'Transform',
  description:
    'Passes on the values for which a JavaScript predicate (`x => x > 0`, or an expression of `x` and `i`) is truthy. The code runs in the node process.',
  inputs: [{ name: 'in', type: 'T' }],
  outputs: [{ name: 'out', type: 'T' }, ERROR_PORT],
  params: [
    {
      key: 'code',
      kind: 'code',
      language: 'javascript',
      label: 'Predicate',
      required: true,
      default: 'x => true',
    },
    ON_ERROR_PARAM,
  ],
  async run({ params, inputs, outputs, nodeId, log }) {
    const fn = compileUserFunction(params.code, `Node "${nodeId}" (core.filter) param "code"`);
    const input = inputs.in;
    const out = outputs.out;
    if (!input || !out) return;
    await mapBatches(
      input,
      out,
      (x, i) => fn(x, i),
      (x, keep) => (keep ? x : NONE),
      false,
      { mode: params.onError, nodeId, port: outputs.error, log },
    );
  },
});
