import { describe, expect, it } from 'vitest';
import type { RunEvent, RunEventBody } from '../../../engine/model/run.js';
import { filterLogs } from './logFilter.js';
import { applyEvents, emptyRun, formatElapsed, LOG_CAP, runFromHost } from './runState.js';
import { createRunStore } from './runStore.js';

let seq = 0;
function ev(body: RunEventBody, runId = 'r1', time = 1000 + seq): RunEvent {
  return { runId, seq: seq++, time, ...body } as RunEvent;
}

describe('applyEvents', () => {
  it('follows each node pending → running → completed with times, progress and edge counts', () => {
    seq = 0;
    let run = emptyRun('r1', ['a', 'b']);
    run = applyEvents(run, [
      ev({ kind: 'run-status', status: 'running' }, 'r1', 1000),
      ev({ kind: 'node-status', nodeId: 'a', status: 'running' }, 'r1', 1010),
      ev({ kind: 'progress', nodeId: 'a', done: 5, total: 10 }),
      ev({ kind: 'edge-counts', counts: [{ edgeId: 'e1', sent: 5, received: 3, full: true }] }),
    ]);
    expect(run.nodes.a).toMatchObject({ status: 'running', startedAt: 1010, progress: { fraction: 0.5 } });
    expect(run.edges.e1).toEqual({ edgeId: 'e1', sent: 5, received: 3, full: true });
    const before = run;
    run = applyEvents(run, [
      ev({ kind: 'node-status', nodeId: 'a', status: 'completed' }, 'r1', 1500),
      ev({ kind: 'node-status', nodeId: 'b', status: 'running' }),
      ev({ kind: 'node-status', nodeId: 'b', status: 'completed' }),
      ev({ kind: 'run-status', status: 'completed' }, 'r1', 2000),
    ]);
    expect(run.nodes.a).toMatchObject({ status: 'completed', endedAt: 1500 });
    expect(run.nodes.a!.timeline).toEqual(['pending', 'running', 'completed']);
    expect(run.nodes.b!.timeline).toEqual(['pending', 'running', 'completed']);
    expect(run).toMatchObject({ status: 'completed', startedAt: 1000, endedAt: 2000 });
    // Untouched parts keep their identity (per-edge selectors do not fire).
    expect(run.edges).toBe(before.edges);
  });

  it('changes only the entries an event touched', () => {
    seq = 0;
    const run = applyEvents(emptyRun('r1', ['a', 'b']), [
      ev({ kind: 'node-status', nodeId: 'a', status: 'running' }),
    ]);
    const next = applyEvents(run, [ev({ kind: 'progress', nodeId: 'a', done: 1 })]);
    expect(next.nodes.b).toBe(run.nodes.b);
    expect(next.nodes.a).not.toBe(run.nodes.a);
  });

  it('ignores other runs and events already applied (replays after a reconnect)', () => {
    seq = 0;
    const first = ev({ kind: 'log', nodeId: 'a', level: 'info', message: 'one' });
    const run = applyEvents(emptyRun('r1', ['a']), [first]);
    expect(applyEvents(run, [first])).toBe(run);
    expect(applyEvents(run, [ev({ kind: 'log', level: 'info', message: 'x' }, 'other')])).toBe(run);
  });

  it('records node errors (with stack) once, and not again as the run error', () => {
    seq = 0;
    const run = applyEvents(emptyRun('r1', ['a', 'b']), [
      ev({ kind: 'node-status', nodeId: 'a', status: 'running' }),
      ev({
        kind: 'node-status',
        nodeId: 'a',
        status: 'failed',
        error: { message: 'bad value 5', stack: 'Error: bad value 5\n    at map' },
      }),
      ev({ kind: 'run-status', status: 'failed', error: { message: 'Node "a" failed: bad value 5' } }),
    ]);
    expect(run.errors).toEqual([
      expect.objectContaining({
        nodeId: 'a',
        message: 'bad value 5',
        stack: expect.stringContaining('at map'),
      }),
    ]);
    expect(run.nodes.a!.error?.message).toBe('bad value 5');
    // b never reported an end: it took the run's fate.
    expect(run.nodes.b!.status).toBe('cancelled');
  });

  it('keeps the last LOG_CAP log lines and counts the dropped ones', () => {
    seq = 0;
    let run = emptyRun('r1', ['a']);
    for (let batch = 0; batch < 3; batch++) {
      const events = Array.from({ length: 4000 }, (_, i) =>
        ev({ kind: 'log', nodeId: 'a', level: i % 2 ? 'info' : 'warn', message: `line ${batch * 4000 + i}` }),
      );
      run = applyEvents(run, events);
    }
    expect(run.logs.length).toBe(LOG_CAP);
    expect(run.droppedLogs).toBe(12_000 - LOG_CAP);
    expect(run.logs.at(-1)!.message).toBe('line 11999');
    expect(run.logs[0]!.message).toBe(`line ${12_000 - LOG_CAP}`);
    expect(filterLogs(run.logs, { nodeId: '', minLevel: 'warn' }).length).toBe(LOG_CAP / 2);
    expect(filterLogs(run.logs, { nodeId: 'b', minLevel: 'debug' }).length).toBe(0);
  });
});

describe('runFromHost', () => {
  it('rebuilds a run from its recorded events', () => {
    seq = 0;
    const events = [
      ev({ kind: 'run-status', status: 'running' }),
      ev({ kind: 'node-status', nodeId: 'a', status: 'pending' }),
      ev({ kind: 'node-status', nodeId: 'a', status: 'running' }),
    ];
    const run = runFromHost({
      runId: 'r1',
      workflowName: 'w',
      status: 'running',
      startedAt: 1000,
      nodes: { a: { status: 'running' } },
      events: [...events].reverse(),
    });
    expect(run.nodes.a!.timeline).toEqual(['pending', 'running']);
    expect(run.lastSeq).toBe(2);
  });
});

describe('run store', () => {
  it('applies a batch in one update and ignores batches of another run', () => {
    seq = 0;
    const store = createRunStore();
    store.getState().begin('r1', ['a']);
    let updates = 0;
    store.subscribe(() => updates++);
    store
      .getState()
      .applyBatch('r1', [
        ev({ kind: 'node-status', nodeId: 'a', status: 'running' }),
        ev({ kind: 'log', nodeId: 'a', level: 'info', message: 'hi' }),
        ev({ kind: 'node-status', nodeId: 'a', status: 'completed' }),
      ]);
    store.getState().applyBatch('r2', [ev({ kind: 'log', level: 'info', message: 'x' }, 'r2')]);
    expect(updates).toBe(1);
    expect(store.getState().run!.nodes.a!.status).toBe('completed');
  });
});

describe('formatElapsed', () => {
  it('reads well at every scale', () => {
    expect(formatElapsed(420)).toBe('0.4 s');
    expect(formatElapsed(12_300)).toBe('12 s');
    expect(formatElapsed(187_000)).toBe('3:07');
    expect(formatElapsed(3_723_000)).toBe('1:02:03');
  });
});
