import { defineNode } from '../../sdk/index.js';
import { compileUserFunction, isThenable } from './compile.js';

interface Params {
  code: string;
  outputType: string;
}

/** Applies a JavaScript function or expression to every value; `undefined` results are dropped. */
export default defineNode<Params>({
  type: 'core.map',
  title: 'Map',
  category: 'Transform',
  description:
    'Applies a JavaScript function (`x => x * 2`) or expression of `x` and `i` to every value. A result of `undefined` is dropped. The code runs in the node process.',
  inputs: [{ name: 'in', type: 'T' }],
  outputs: [{ name: 'out', type: 'json' }],
  params: [
    {
      key: 'code',
      kind: 'code',
      language: 'javascript',
      label: 'Function',
      required: true,
      default: 'x => x',
    },
    {
      key: 'outputType',
      kind: 'string',
      label: 'Output type',
      description: 'Port type of the results',
      default: 'json',
    },
  ],
  async inferOutputs({ params }) {
    return { out: params.outputType || 'json' };
  },
  async run({ params, inputs, outputs, nodeId }) {
    const fn = compileUserFunction(params.code, `Node "${nodeId}" (core.map) param "code"`);
    const input = inputs.in;
    const out = outputs.out;
    if (!input || !out) return;
    let i = 0;
    for await (const x of input) {
      let y = fn(x, i++);
      if (isThenable(y)) y = await y;
      if (y !== undefined) await out.send(y);
    }
  },
});
