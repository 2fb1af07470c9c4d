// stream.merge: forwards values from every declared input to `out`, in arrival order.
import { defineNode } from '../../../sdk/index.js';

interface StreamMergeParams {
  ports: Array<{ name: string; type: string }>;
}

export default defineNode<StreamMergeParams>({
  type: 'stream.merge',
  title: 'Merge streams',
  category: 'Flow',
  description:
    'Forwards values from all inputs to one output as they arrive; ends when every input has ended.',
  inputs: [],
  outputs: [{ name: 'out', type: 'any' }],
  params: [
    {
      key: 'ports',
      kind: 'ports',
      direction: 'input',
      default: [
        { name: 'a', type: 'any' },
        { name: 'b', type: 'any' },
      ],
      label: 'Inputs',
    },
  ],
  async run(ctx) {
    const out = ctx.outputs['out']!;
    // Sends are serialized by the output's back-pressure; each input is drained concurrently.
    await Promise.all(
      Object.values(ctx.inputs).map(async (input) => {
        for await (const value of input) await out.send(value);
      }),
    );
  },
});
