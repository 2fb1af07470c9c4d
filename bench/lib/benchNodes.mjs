// Benchmark node types (a user node module folder, loaded like any user's): a source of sized
// messages, a pass-through, and a sink. Each writes its timings and peak memory to the run folder.
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
  ],
  async run(ctx) {
    const cpu0 = process.cpuUsage();
    const { count, bytes } = ctx.params;
    const p = 'x'.repeat(Math.max(0, bytes - 20));
    const out = ctx.outputs.out;
    const startAt = now();
    for (let i = 0; i < count; i++) await out.send({ i, p });
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
  params: [],
  async run(ctx) {
    const cpu0 = process.cpuUsage();
    const out = ctx.outputs.out;
    for await (const v of ctx.inputs.in) await out.send(v);
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
  params: [],
  async run(ctx) {
    const cpu0 = process.cpuUsage();
    let count = 0;
    let firstAt;
    for await (const _v of ctx.inputs.in) {
      if (count++ === 0) firstAt = now();
    }
    stats(ctx, cpu0, { count, firstAt, endAt: now() });
  },
};
