import { defineNode } from '../../sdk/index.js';
import { mapBatches, NONE } from './batchMap.js';
import { compileUserFunction } from './compile.js';

/** Passes on the values for which a JavaScript predicate is truthy, a batch at a time (batchMap.ts). */
export default defineNode<{ code: string }>({
  type: 'core.filter',
  title: 'Filter',
  category: 'Transform',
  description:
    'Passes on the values for which a JavaScript predicate (`x => x > 0`, or an expression of `x` and `i`) is truthy. The code runs in the node process.',
  inputs: [{ name: 'in', type: 'T' }],
  outputs: [{ name: 'out', type: 'T' }],
  params: [
    {
      key: 'code',
      kind: 'code',
      language: 'javascript',
      label: 'Predicate',
      required: true,
      default: 'x => true',
    },
  ],
  async run({ params, inputs, outputs, nodeId }) {
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
    );
  },
});
