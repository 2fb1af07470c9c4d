// stream.split: routes each value to one or more declared outputs, chosen by a JS function.
import { defineNode } from '../../../sdk/index.js';
import { compileExpression } from '../transforms/userCode.js';

interface StreamSplitParams {
  route: string;
  ports: Array<{ name: string; type: string }>;
}

export default defineNode<StreamSplitParams>({
  type: 'stream.split',
  title: 'Split stream',
  category: 'Flow',
  description:
    'Sends each value to the output(s) named by `route(value)`: a port name, a list of names, or null to drop it.',
  inputs: [{ name: 'in', type: 'any' }],
  outputs: [],
  params: [
    {
      key: 'route',
      kind: 'code',
      language: 'javascript',
      required: true,
      default: "(value) => (value.ok ? 'a' : 'b')",
      label: 'Route',
    },
    {
      key: 'ports',
      kind: 'ports',
      direction: 'output',
      default: [
        { name: 'a', type: 'any' },
        { name: 'b', type: 'any' },
      ],
      label: 'Outputs',
    },
  ],
  async run(ctx) {
    const route = compileExpression<(value: unknown) => unknown>(ctx.nodeId, ctx.params.route);
    for await (const value of ctx.inputs['in']!) {
      const target = await route(value);
      if (target === null || target === undefined) continue;
      for (const name of Array.isArray(target) ? target : [target]) {
        const out = ctx.outputs[String(name)];
        if (!out) {
          throw new Error(
            `Node "${ctx.nodeId}": route returned "${String(name)}", which is not an output (outputs: ${Object.keys(ctx.outputs).join(', ')})`,
          );
        }
        await out.send(value);
      }
    }
  },
});
