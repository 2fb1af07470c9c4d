// Honest final states (issue 9): a node whose input ended because its sender failed did not complete.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { edge, node, runWorkflow, workflow } from './testSupport.js';

const throwAt = (n: number): string => `x => { if (x === ${n}) throw new Error('bad value ${n}'); return x }`;

describe('final states', () => {
  it('downstream of a node that fails the run ends cancelled, not completed', async () => {
    // Several sinks behind the failing map: each one races the host's stop; none may complete.
    const sinks = ['s1', 's2', 's3', 's4'];
    const run = await runWorkflow(
      workflow(
        [
          node('src', 'core.sequence', { from: 1, to: 1000 }),
          node('boom', 'core.map', { code: throwAt(500) }),
          node('s1', 'core.log', { maxLines: 0 }),
          node('s2', 'core.collect'),
          node('s3', 'core.map', { code: 'x => x' }),
          node('s4', 'core.collect'),
        ],
        [edge('src', 'boom'), edge('boom', 's1'), edge('boom', 's2'), edge('boom', 's3'), edge('s3', 's4')],
      ),
    );
    const summary = await run.handle.done;
    expect(summary.status).toBe('failed');
    expect(summary.nodes.boom?.status).toBe('failed');
    for (const s of sinks) expect([s, summary.nodes[s]?.status]).toEqual([s, 'cancelled']);
    const finals = run.events.filter(
      (e) => e.kind === 'node-status' && sinks.includes(e.nodeId) && e.status === 'completed',
    );
    expect(finals).toEqual([]);
  });

  it('allowFail: consumers see the input end normally and complete; the summary records the failure', async () => {
    const run = await runWorkflow(
      workflow(
        [
          node('src', 'core.sequence', { from: 1, to: 1000 }),
          node('boom', 'core.map', { code: throwAt(500) }, { allowFail: true }),
          node('sink', 'core.collect'),
        ],
        [edge('src', 'boom'), edge('boom', 'sink')],
      ),
    );
    const summary = await run.handle.done;
    expect(summary.status).toBe('completed');
    expect(summary.nodes.boom).toMatchObject({ status: 'failed', error: { message: 'bad value 500' } });
    expect(summary.nodes.sink?.status).toBe('completed');
    expect(summary.failedNodes).toEqual(['boom']);
    const got = JSON.parse(readFileSync(path.join(run.runDir, 'sink.json'), 'utf8')) as number[];
    expect(got).toEqual(Array.from({ length: 499 }, (_, i) => i + 1));
  });
});
