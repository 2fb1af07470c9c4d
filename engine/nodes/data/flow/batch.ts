// stream.batch (Broadway's batcher): groups values into arrays by size and timeout, optionally per key.
import { defineNode } from '../../../sdk/index.js';
import { Batcher } from './batcher.js';

interface BatchParams {
  size: number;
  timeoutMs: number;
  key: string;
}

export default defineNode<BatchParams>({
  type: 'stream.batch',
  title: 'Batch',
  category: 'Flow',
  description:
    'Groups values into arrays of `size`; a batch that waits `timeoutMs` since its first value is sent early. With `key` (a field name), each key value has its own batches.',
  inputs: [{ name: 'in', type: 'T' }],
  outputs: [{ name: 'out', type: 'array<T>' }],
  params: [
    { key: 'size', kind: 'number', integer: true, min: 1, default: 100, label: 'Batch size' },
    {
      key: 'timeoutMs',
      kind: 'number',
      integer: true,
      min: 0,
      default: 1000,
      label: 'Timeout (ms)',
      description: '0: wait for a full batch.',
    },
    { key: 'key', kind: 'string', default: '', label: 'Key field', placeholder: 'none' },
  ],
  async run(ctx) {
    const out = ctx.outputs['out']!;
    const { size, timeoutMs, key } = ctx.params;
    const batcher = new Batcher<unknown>({
      size: Math.max(1, size ?? 100),
      timeoutMs: timeoutMs ?? 1000,
      keyOf: key ? (v) => String((v as Record<string, unknown> | null)?.[key] ?? '') : () => '',
    });
    const input = ctx.inputs['in']!;
    let next = input.next();
    for (;;) {
      const due = batcher.nextDeadline();
      let handle: ReturnType<typeof setTimeout> | undefined;
      const timer =
        due === undefined
          ? undefined
          : new Promise<'timeout'>((resolve) => {
              handle = setTimeout(() => resolve('timeout'), Math.max(0, due - Date.now()));
            });
      const winner = await Promise.race(timer ? [next, timer] : [next]);
      clearTimeout(handle);
      if (winner === 'timeout') {
        for (const b of batcher.takeExpired(Date.now())) await out.send(b);
        continue;
      }
      if (winner.done) break;
      const full = batcher.add(winner.value, Date.now());
      if (full) await out.send(full);
      next = input.next();
    }
    for (const b of batcher.takeAll()) await out.send(b);
  },
});
