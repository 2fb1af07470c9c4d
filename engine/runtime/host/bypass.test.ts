// A bypassed node (issue 12) with real worker processes: no process runs for it, its consumers get
// exactly what its producer sent (the edges are joined around it, bypass.ts), an output no input
// fits ends its consumers' inputs, and the file's edges through it count the values that went by.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EdgeCount } from '../../model/run.js';
import { edge, node, recordingLauncher, runWorkflow, workflow } from './testSupport.js';

describe('bypassed nodes', () => {
  it('passes the producer’s values straight to the consumer, and runs no process for the node', async () => {
    const launcher = recordingLauncher();
    const square = { ...node('square', 'core.map', { code: 'x => x * x' }), bypassed: true };
    const run = await runWorkflow(
      workflow(
        [
          node('src', 'core.sequence', { from: 1, to: 50 }),
          square,
          node('all', 'core.collect'),
          node('errors', 'core.collect'),
        ],
        [edge('src', 'square'), edge('square', 'all'), edge('square', 'errors', { from: 'error' })],
      ),
      { launcher },
    );
    const summary = await run.handle.done;
    expect(summary.status).toBe('completed');
    expect(summary.nodes.square?.status).toBe('skipped');
    expect(launcher.pids).toHaveLength(3);
    const read = (f: string) => JSON.parse(readFileSync(path.join(run.runDir, f), 'utf8')) as unknown;
    // Not squared: the values the sequence sent, each once, in order.
    expect(read('all.json')).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    // The error output has no input of its own (the one input went to `out`): its consumer ends empty.
    expect(read('errors.json')).toEqual([]);
    const last = new Map<string, EdgeCount>();
    for (const e of run.events) if (e.kind === 'edge-counts') for (const c of e.counts) last.set(c.edgeId, c);
    expect(last.get('src-square')).toMatchObject({ sent: 50, received: 50 });
    expect(last.get('square-all')).toMatchObject({ sent: 50, received: 50 });
    expect(last.has('src-square+square-all')).toBe(false);
  });
});
