// stream.unbatch: sends each element of every array that arrives.
import { defineNode } from '../../../sdk/index.js';

export default defineNode<Record<string, never>>({
  type: 'stream.unbatch',
  title: 'Unbatch',
  category: 'Flow',
  description: 'Splits arrays into their elements, one message each.',
  inputs: [{ name: 'in', type: 'array<T>' }],
  outputs: [{ name: 'out', type: 'T' }],
  params: [],
  async run(ctx) {
    const out = ctx.outputs['out']!;
    for await (const value of ctx.inputs['in']!) {
      if (!Array.isArray(value))
        throw new Error(`Node "${ctx.nodeId}", input "in": expected an array, got ${typeof value}`);
      for (const item of value) await out.send(item);
    }
  },
});
