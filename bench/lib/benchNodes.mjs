// Benchmark node types (a user node module folder, loaded like any user's): a source of sized
// messages, a pass-through, and a sink. Each writes its timings and peak memory to the run folder.
// `mode: 'batch'` (the default) is what a node author writes for throughput: the SDK's batch API
// (inputs.x.batches(), outputs.y.sendMany(), docs/node-authoring.md), the source sending arrays of
// 256 messages like the baseline's source. `mode: 'value'` reads and sends one value at a time.
import { writeFileSync } from 'node:fs';
import path from 'node:path';

const now = () => performance.timeOrigin + performance.now();

function stats(ctx, cpu0, extra) {
  const file = path.join(ctx.runDir, `${ctx.nodeId}.stats.json`);
  const cpu = process.cpuUsage(cpu0);
  writeFileSync(
    file,
    JSON.stringify({ maxRssKiB: process.resourceUsage().maxRSS, cpuUs: cpu.user + cpu.system, ...extra }),
  );
}

const MODE = {
  key: 'mode',
  kind: 'choice',
  options: ['batch', 'value'],
  default: 'batch',
  label: 'batch: batches() and sendMany(); value: one value at a time',
};

export const source = {
  type: 'bench.source',
  title: 'Bench source',
  category: 'Bench',
  description: 'Sends `count` messages of about `bytes` bytes of JSON.',
  inputs: [],
  outputs: [{ name: 'out', type: 'json' }],
  params: [
    { key: 'count', kind: 'number', default: 1000 },
    { key: 'bytes', kind: 'number', default: 100 },
    { key: 'batch', kind: 'number', default: 256 },
    MODE,
  ],
  async run(ctx) {
    const cpu0 = process.cpuUsage();
    const { count, bytes, batch, mode } = ctx.params;
    const p = 'x'.repeat(Math.max(0, bytes - 20));
    const out = ctx.outputs.out;
    const startAt = now();
    if (mode === 'value') for (let i = 0; i < count; i++) await out.send({ i, p });
    else
      for (let i = 0; i < count;) {
        const msgs = [];
        for (let j = 0; j < batch && i < count; j++) msgs.push({ i: i++, p });
        await out.sendMany(msgs);
      }
    stats(ctx, cpu0, { startAt });
  },
};

export const pass = {
  type: 'bench.pass',
  title: 'Bench pass',
  category: 'Bench',
  description: 'Forwards every message.',
  inputs: [{ name: 'in', type: 'json' }],
  outputs: [{ name: 'out', type: 'json' }],
  params: [MODE],
  async run(ctx) {
    const cpu0 = process.cpuUsage();
    const out = ctx.outputs.out;
    if (ctx.params.mode === 'value') for await (const v of ctx.inputs.in) await out.send(v);
    else for await (const batch of ctx.inputs.in.batches()) await out.sendMany(batch);
    stats(ctx, cpu0, {});
  },
};

export const sink = {
  type: 'bench.sink',
  title: 'Bench sink',
  category: 'Bench',
  description: 'Counts messages; records when the first and the last arrived.',
  inputs: [{ name: 'in', type: 'json' }],
  outputs: [],
  params: [MODE],
  async run(ctx) {
    const cpu0 = process.cpuUsage();
    let count = 0;
    let firstAt;
    if (ctx.params.mode === 'value')
      for await (const _v of ctx.inputs.in) {
        if (count++ === 0) firstAt = now();
      }
    else
      for await (const batch of ctx.inputs.in.batches()) {
        if (count === 0) firstAt = now();
        count += batch.length;
      }
    stats(ctx, cpu0, { count, firstAt, endAt: now() });
  },
};
