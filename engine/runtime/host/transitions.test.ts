// Every node transition is an event with a timestamp (issue 9): pending → starting (its process is
// launched or taken from the pool, and given the node) → running → its end, with real processes.
import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../model/run.js';
import { edge, node, runWorkflow, workflow } from './testSupport.js';

type StatusEvent = Extract<RunEvent, { kind: 'node-status' }>;

describe('node transitions', () => {
  it('emits starting, with its time, before running for every node; a disabled node never starts', async () => {
    const before = Date.now();
    const run = await runWorkflow(
      workflow(
        [
          node('src', 'core.sequence', { from: 1, to: 20 }),
          node('sq', 'core.map', { code: 'x => x * x' }),
          node('sink', 'core.collect'),
          { ...node('off', 'core.sequence', { from: 1, to: 3 }), disabled: true },
        ],
        [edge('src', 'sq'), edge('sq', 'sink')],
      ),
    );
    const summary = await run.handle.done;
    expect(summary.status).toBe('completed');
    const statusEvents = run.events.filter((e): e is StatusEvent => e.kind === 'node-status');
    for (const id of ['src', 'sq', 'sink']) {
      const own = statusEvents.filter((e) => e.nodeId === id);
      expect([id, own.map((e) => e.status)]).toEqual([id, ['pending', 'starting', 'running', 'completed']]);
      const [pending, starting, running] = own as [StatusEvent, StatusEvent, StatusEvent];
      expect(starting.seq).toBeGreaterThan(pending.seq);
      expect(running.seq).toBeGreaterThan(starting.seq);
      expect(starting.time).toBeGreaterThanOrEqual(before);
      expect(starting.time).toBeGreaterThanOrEqual(pending.time);
      expect(running.time).toBeGreaterThanOrEqual(starting.time);
    }
    expect(statusEvents.filter((e) => e.nodeId === 'off').map((e) => e.status)).toEqual([
      'pending',
      'skipped',
    ]);
  });
});
