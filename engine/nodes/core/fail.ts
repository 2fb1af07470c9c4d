import { defineNode } from '../../sdk/index.js';

interface Params {
  message: string;
  after: number;
  failAttempts: number;
}

/** Fails on purpose (tests, demos of retries and allow-fail); passes values through until then. */
export default defineNode<Params>({
  type: 'core.fail',
  title: 'Fail',
  category: 'Testing',
  description:
    'Passes values through and throws after `after` of them (0: at once). With `failAttempts` > 0 only the first that many attempts fail, so a retry succeeds.',
  inputs: [{ name: 'in', type: 'T', optional: true }],
  outputs: [{ name: 'out', type: 'T' }],
  params: [
    { key: 'message', kind: 'string', label: 'Error message', default: 'failed on purpose' },
    { key: 'after', kind: 'number', label: 'Fail after N values', min: 0, integer: true, default: 0 },
    {
      key: 'failAttempts',
      kind: 'number',
      label: 'Fail only the first N attempts (0: all)',
      min: 0,
      integer: true,
      default: 0,
    },
  ],
  async run({ params, inputs, outputs, attempt }) {
    const failing = params.failAttempts === 0 || attempt <= params.failAttempts;
    const input = inputs.in;
    let n = 0;
    if (failing && params.after === 0) throw new Error(params.message);
    if (!input) return;
    for await (const x of input) {
      if (failing && ++n > params.after) throw new Error(params.message);
      await outputs.out?.send(x);
    }
    if (failing) throw new Error(params.message);
  },
});
