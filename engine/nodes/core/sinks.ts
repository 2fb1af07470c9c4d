// Sinks: `core.collect` keeps every value and writes them as a JSON array to a file in the run
// folder; `core.log` writes each value to the run log. Both report how many they took.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { defineNode } from '../../sdk/index.js';
import type { NodeContext } from '../../sdk/index.js';

/** `keep`: the node keeps every value until it returns, so a retry must get them all again. */
async function drain(
  ctx: NodeContext<unknown>,
  keep: boolean,
  each: (x: unknown, n: number) => void,
): Promise<number> {
  const input = ctx.inputs.in;
  let n = 0;
  if (!input) return n;
  let reported = 0;
  for await (const batch of input.batches({ keep })) {
    for (const x of batch) each(x, n++);
    if (n - reported >= 1024) ctx.progress({ done: (reported = n) });
  }
  ctx.progress({ done: n });
  return n;
}

export const collect = defineNode<{ file: string; log: boolean }>({
  type: 'core.collect',
  title: 'Collect',
  category: 'Sinks',
  description:
    'Collects every value it receives (several edges are merged) and writes them as a JSON array to a file in the run folder (`<nodeId>.json` unless `file` says otherwise).',
  inputs: [{ name: 'in', type: 'json', multi: true }],
  outputs: [],
  params: [
    {
      key: 'file',
      kind: 'string',
      label: 'File in the run folder',
      placeholder: '<node id>.json',
      default: '',
    },
    { key: 'log', kind: 'boolean', label: 'Log a summary', default: true },
  ],
  async run(ctx) {
    const values: unknown[] = [];
    const n = await drain(ctx, true, (x) => values.push(x));
    const file = path.join(ctx.runDir, path.basename(ctx.params.file || `${ctx.nodeId}.json`));
    await writeFile(file, JSON.stringify(values), { mode: 0o600 });
    if (ctx.params.log) ctx.log.info(`collected ${n} values into ${file}`);
  },
});

export const log = defineNode<{ maxLines: number }>({
  type: 'core.log',
  title: 'Log',
  category: 'Sinks',
  description: 'Writes each value it receives to the run log (up to `maxLines` lines, then only counts).',
  inputs: [{ name: 'in', type: 'json', multi: true }],
  outputs: [],
  params: [{ key: 'maxLines', kind: 'number', label: 'Max lines', min: 0, integer: true, default: 1000 }],
  async run(ctx) {
    const n = await drain(ctx, false, (x, i) => {
      if (i < ctx.params.maxLines) ctx.log.info(typeof x === 'string' ? x : JSON.stringify(x));
    });
    ctx.log.info(`${n} values`);
  },
});
