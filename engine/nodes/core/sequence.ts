import { defineNode } from '../../sdk/index.js';
import { sleep } from './compile.js';

interface Params {
  from: number;
  to: number;
  step: number;
  intervalMs: number;
}

/** Numbers from `from` to `to` (inclusive) by `step`, optionally one every `intervalMs`. */
export default defineNode<Params>({
  type: 'core.sequence',
  title: 'Sequence',
  category: 'Sources',
  description:
    'Emits the numbers from `from` to `to` (inclusive) by `step`, optionally one every `intervalMs` milliseconds.',
  inputs: [],
  outputs: [{ name: 'out', type: 'number' }],
  params: [
    { key: 'from', kind: 'number', label: 'From', default: 1 },
    { key: 'to', kind: 'number', label: 'To', default: 10 },
    { key: 'step', kind: 'number', label: 'Step', nonZero: true, default: 1 },
    { key: 'intervalMs', kind: 'number', label: 'Interval (ms)', min: 0, integer: true, default: 0 },
  ],
  async run({ params, outputs, progress, signal, nodeId }) {
    const { from, to, step, intervalMs } = params;
    if (step === 0 || !Number.isFinite(step))
      throw new Error(`Node "${nodeId}": step must be a non-zero number`);
    const total = Math.max(0, Math.floor((to - from) / step) + 1);
    const out = outputs.out;
    if (!out) return;
    for (let i = 0; i < total; i++) {
      await out.send(from + i * step);
      if ((i & 1023) === 0 || i === total - 1) progress({ done: i + 1, total });
      if (intervalMs > 0) await sleep(intervalMs, signal);
    }
  },
});
