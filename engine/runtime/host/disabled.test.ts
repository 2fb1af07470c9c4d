// A disabled node (issue 12) is skipped with real worker processes: it gets no process, its status is
// `skipped`, and its consumers see their inputs from it end, so the rest of the run completes.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { edge, node, recordingLauncher, runWorkflow, workflow } from './testSupport.js';

describe('disabled nodes', () => {
  it('skips a disabled node: no process, status skipped, its consumer’s input ends', async () => {
    const launcher = recordingLauncher();
    const square = { ...node('square', 'core.map', { code: 'x => x * x' }), disabled: true };
    const run = await runWorkflow(
      workflow(
        [
          node('src', 'core.sequence', { from: 1, to: 50 }),
          square,
          node('all', 'core.collect'),
          node('side', 'core.collect'),
        ],
        [edge('src', 'square'), edge('square', 'all'), edge('src', 'side')],
      ),
      { launcher },
    );
    const summary = await run.handle.done;
    expect(summary.status).toBe('completed');
    expect(summary.nodes.square?.status).toBe('skipped');
    expect(summary.nodes.all?.status).toBe('completed');
    // Three processes for four nodes: the disabled one never started.
    expect(launcher.pids).toHaveLength(3);
    const statuses = run.events.flatMap((e) =>
      e.kind === 'node-status' && e.nodeId === 'square' ? [e.status] : [],
    );
    expect(statuses).toEqual(['pending', 'skipped']);
    // The consumer's input ended with nothing in it; the source still fed its other consumer.
    const read = (f: string) => JSON.parse(readFileSync(path.join(run.runDir, f), 'utf8')) as unknown;
    expect(read('all.json')).toEqual([]);
    expect(read('side.json')).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
  });

  it('a workflow whose every node is disabled completes at once', async () => {
    const run = await runWorkflow(
      workflow([{ ...node('src', 'core.sequence', { from: 1, to: 3 }), disabled: true }], []),
    );
    const summary = await run.handle.done;
    expect(summary.status).toBe('completed');
    expect(summary.nodes.src?.status).toBe('skipped');
  });
});
