// Timeouts that stop an attempt whatever its code does (issue 9): real worker processes.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../model/run.js';
import { createRegistry } from '../../nodes/registry.js';
import { edge, node, runWorkflow, workflow } from './testSupport.js';

function readJson<T>(runDir: string, file: string): T {
  return JSON.parse(readFileSync(path.join(runDir, file), 'utf8')) as T;
}

function statusTime(events: RunEvent[], nodeId: string, status: string): number {
  const e = events.find((ev) => ev.kind === 'node-status' && ev.nodeId === nodeId && ev.status === status);
  if (!e) throw new Error(`no ${status} event for ${nodeId}`);
  return e.time;
}

/** Map code that spins synchronously for 30 s on `x === at`, in its first call with that value only. */
function spinOnceAt(at: number): string {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'sluice-spin-')), 'calls');
  return `x => {
    if (x === ${at}) {
      const fs = process.getBuiltinModule('node:fs');
      const first = !fs.existsSync(${JSON.stringify(file)});
      fs.writeFileSync(${JSON.stringify(file)}, 'x');
      if (first) { const t = Date.now(); while (Date.now() - t < 30000) {} }
    }
    return x;
  }`;
}

// Ignores its signal: attempt 1 sends 1, sleeps 1.2 s (past its 1 s timeout), tries to send 2..4 and
// leaves a flag file; attempt 2 sends 1..3, waits for that flag, sends 4. Attempt 1's late sends
// happen while attempt 2 runs, and must reach nothing.
const stubborn = `import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
export default {
  type: 'test.stubborn', title: 'Stubborn', category: 'Test', description: '',
  inputs: [], outputs: [{ name: 'out', type: 'json' }], params: [],
  async run({ outputs, attempt, log, runDir }) {
    const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
    const flag = path.join(runDir, 'attempt1-woke');
    if (attempt === 1) {
      await outputs.out.send(1);
      await sleep(1200);
      for (const v of [2, 3, 4]) await outputs.out.send(v).catch((e) => log.warn('refused: ' + e.message));
      writeFileSync(flag, '');
      return;
    }
    await outputs.out.sendMany([1, 2, 3]);
    for (let i = 0; i < 45 && !existsSync(flag); i++) await sleep(20);
    if (!existsSync(flag)) throw new Error('attempt 1 did not wake in time');
    await outputs.out.send(4);
  },
};`;

describe('timeouts', () => {
  it('a synchronous loop is stopped within 10 % + 1 s of its timeout', async () => {
    const timeoutMs = 1000;
    const run = await runWorkflow(
      workflow(
        [
          node('src', 'core.sequence', { from: 1, to: 3 }),
          node('spin', 'core.map', { code: 'x => { for (;;) {} }' }, { timeoutMs }),
          node('sink', 'core.collect'),
        ],
        [edge('src', 'spin'), edge('spin', 'sink')],
      ),
    );
    const summary = await run.handle.done;
    expect(summary.status).toBe('failed');
    expect(summary.nodes.spin?.error?.message).toBe(`Node "spin" (core.map) timed out after ${timeoutMs} ms`);
    const took = statusTime(run.events, 'spin', 'failed') - statusTime(run.events, 'spin', 'running');
    expect(took).toBeGreaterThanOrEqual(timeoutMs);
    expect(took).toBeLessThanOrEqual(timeoutMs * 1.1 + 1000);
  });

  it('the retry after a synchronous loop that timed out gets every value once and completes', async () => {
    const run = await runWorkflow(
      workflow(
        [
          node('src', 'core.sequence', { from: 1, to: 100 }),
          node(
            'spin',
            'core.map',
            { code: spinOnceAt(40) },
            { timeoutMs: 800, retries: 1, retryBackoffMs: 10 },
          ),
          node('sink', 'core.collect'),
        ],
        [edge('src', 'spin', { capacity: 8 }), edge('spin', 'sink')],
      ),
    );
    const summary = await run.handle.done;
    expect(summary.status).toBe('completed');
    expect(readJson<number[]>(run.runDir, 'sink.json')).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    const retrying = run.events.find((e) => e.kind === 'node-status' && e.status === 'retrying');
    expect(retrying).toMatchObject({
      attempt: 2,
      error: { message: 'Node "spin" (core.map) timed out after 800 ms' },
    });
  });

  it('a timed-out attempt that ignores its signal: its later sends reach nothing', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sluice-stubborn-'));
    writeFileSync(path.join(dir, 'stubborn.mjs'), stubborn);
    const run = await runWorkflow(
      workflow(
        [
          node('s', 'test.stubborn', {}, { timeoutMs: 1000, retries: 1, retryBackoffMs: 10 }),
          node('sink', 'core.collect'),
        ],
        [edge('s', 'sink')],
      ),
      { registry: await createRegistry({ userNodesDir: dir }) },
    );
    const summary = await run.handle.done;
    expect([summary.status, summary.error?.message]).toEqual(['completed', undefined]);
    expect(readJson<number[]>(run.runDir, 'sink.json')).toEqual([1, 2, 3, 4]);
    const refused = run.events.filter((e) => e.kind === 'log' && e.message.startsWith('refused: '));
    expect(refused.map((e) => (e.kind === 'log' ? e.message : ''))).toEqual([
      'refused: Node "s": attempt 1 has ended',
      'refused: Node "s": attempt 1 has ended',
      'refused: Node "s": attempt 1 has ended',
    ]);
  });
});
