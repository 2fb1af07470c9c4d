import { defineNode } from '../../sdk/index.js';
import { ERROR_PORT, mapBatches, NONE, ON_ERROR_PARAM, type OnError } from './batchMap.js';
import { compileUserFunction } from './compile.js';

interface Params {
  code: string;
  outputType: string;
  onError: OnError;
}

/**
 * Applies a JavaScript function or expression to every value; `undefined` results are dropped. Works
 * a batch at a time (inputs.in.batches() → sendMany), see batchMap.ts for the rules it keeps.
 */
export default defineNode<Params>({
  type: 'core.map',
  title: 'Map',
  category: 'Transform',
  description:
    'Applies a JavaScript function (`x => x * 2`) or expression of `x` and `i` to every value. A result of `undefined` is dropped. The code runs in the node process. Each result is sent as it was when returned, even if the function changes that object later.',
  inputs: [{ name: 'in', type: 'T' }],
  outputs: [{ name: 'out', type: 'json' }, ERROR_PORT],
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
    ON_ERROR_PARAM,
  ],
  pureInference: true,
  async inferOutputs({ params }) {
    return { out: params.outputType || 'json', error: 'json' };
  },
  async run({ params, inputs, outputs, nodeId, log }) {
    const fn = compileUserFunction(params.code, `Node "${nodeId}" (core.map) param "code"`);
    const input = inputs.in;
    const out = outputs.out;
    if (!input || !out) return;
    await mapBatches(
      input,
      out,
      (x, i) => fn(x, i),
      (_x, y) => (y === undefined ? NONE : y),
      true,
      { mode: params.onError, nodeId, port: outputs.error, log },
    );
  },
});
