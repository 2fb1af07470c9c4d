import { defineNode } from '../../sdk/index.js';
import { sleep } from './compile.js';

/** Waits `ms` before passing on each value: a slow stage, for back-pressure and timing. */
export default defineNode<{ ms: number }>({
  type: 'core.delay',
  title: 'Delay',
  category: 'Transform',
  description: 'Waits `ms` milliseconds before passing on each value.',
  inputs: [{ name: 'in', type: 'T' }],
  outputs: [{ name: 'out', type: 'T' }],
  params: [{ key: 'ms', kind: 'number', label: 'Delay (ms)', min: 0, integer: true, default: 100 }],
  async run({ params, inputs, outputs, signal }) {
    const input = inputs.in;
    const out = outputs.out;
    if (!input || !out) return;
    for await (const x of input) {
      await sleep(params.ms, signal);
      await out.send(x);
    }
  },
});
