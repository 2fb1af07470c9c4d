import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../../../engine/model/run.js';
import { compareRuns, formatDuration, listFilter, mergePages, nodeTally, PAGE_SIZE } from './runList.js';

const run = (runId: string, startedAt: number, nodes: RunSummary['nodes'] = {}): RunSummary => ({
  runId,
  workflowName: 'W',
  status: 'completed',
  startedAt,
  endedAt: startedAt + 1500,
  nodes,
});

describe('the runs panel', () => {
  it('asks the host for one page with the chosen filters, the next page after the last run', () => {
    const now = 10_000_000;
    expect(listFilter({ scope: 'all', status: 'any', since: 'any' }, 'W', now)).toEqual({ limit: PAGE_SIZE });
    expect(
      listFilter({ scope: 'this', status: 'failed', since: 'hour' }, 'Daily', now, run('r9', 77)),
    ).toEqual({
      limit: PAGE_SIZE,
      workflow: 'Daily',
      status: 'failed',
      since: now - 3_600_000,
      before: { startedAt: 77, runId: 'r9' },
    });
  });

  it('keeps a run that moved into the fresh first page once', () => {
    const merged = mergePages([run('c', 3), run('b', 2)], [run('b', 2), run('a', 1)]);
    expect(merged.map((r) => r.runId)).toEqual(['c', 'b', 'a']);
  });

  it('reads durations and node tallies as a person would', () => {
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(12_400)).toBe('12.4 s');
    expect(formatDuration(185_000)).toBe('3 min 05 s');
    expect(formatDuration(7_800_000)).toBe('2 h 10 min');
    expect(
      nodeTally(
        run('r', 0, { a: { status: 'completed' }, b: { status: 'failed' }, c: { status: 'cancelled' } }),
      ),
    ).toEqual({ completed: 1, failed: 1, total: 3 });
  });

  it('compares two runs node by node: state and counts differ, time alone does not', () => {
    const a = run('a', 0, {
      src: { status: 'completed', sent: 10, received: 0, startedAt: 0, endedAt: 100 },
      map: { status: 'completed', sent: 10, received: 10, startedAt: 0, endedAt: 300 },
      gone: { status: 'completed' },
    });
    const b = run('b', 5, {
      src: { status: 'completed', sent: 10, received: 0, startedAt: 0, endedAt: 900 },
      map: { status: 'failed', sent: 4, received: 5, attempt: 3 },
      added: { status: 'completed' },
    });
    const rows = compareRuns(a, b);
    expect(rows.map((r) => [r.nodeId, r.differs])).toEqual([
      ['src', false],
      ['map', true],
      ['gone', true],
      ['added', true],
    ]);
    expect(rows[0]!.a).toEqual({ status: 'completed', sent: 10, received: 0, ms: 100 });
    expect(rows[1]!.b).toEqual({ status: 'failed', sent: 4, received: 5, attempt: 3 });
    expect(rows[2]!.b).toBeUndefined();
    // In the workflow's order when it is known.
    expect(compareRuns(a, b, ['map', 'src']).map((r) => r.nodeId)).toEqual(['map', 'src', 'gone', 'added']);
  });
});
