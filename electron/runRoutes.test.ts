import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../engine/model/run.js';
import { MAX_HELD_EVENTS, MAX_HELD_RUNS, RunRoutes } from './runRoutes.js';

let seq = 0;
const log = (runId: string): RunEvent => ({
  runId,
  seq: seq++,
  time: 0,
  kind: 'log',
  level: 'info',
  message: 'x',
});
const status = (runId: string, s: 'running' | 'completed'): RunEvent => ({
  runId,
  seq: seq++,
  time: 0,
  kind: 'run-status',
  status: s,
});

describe('RunRoutes', () => {
  it('sends a run’s batches to the window that started it', () => {
    const routes = new RunRoutes<string>();
    expect(routes.add('r1', 'w1')).toEqual([]);
    expect(routes.dispatch('r1', [log('r1')])).toEqual(['w1']);
    expect(routes.dispatch('r2', [log('r2')])).toEqual([]);
  });

  it('holds the batches flushed before run:start answered and hands them over', () => {
    const routes = new RunRoutes<string>();
    const early = [status('r1', 'running'), log('r1')];
    expect(routes.dispatch('r1', early)).toEqual([]);
    expect(routes.add('r1', 'w1')).toEqual(early);
    expect(routes.dispatch('r1', [log('r1')])).toEqual(['w1']);
  });

  it('delivers a run that ended before its window was known, then forgets it', () => {
    const routes = new RunRoutes<string>();
    routes.dispatch('fast', [status('fast', 'running'), status('fast', 'completed')]);
    expect(routes.add('fast', 'w1')).toHaveLength(2);
    expect(routes.size).toBe(0);
  });

  it('forgets runs when they end and windows when they close', () => {
    const routes = new RunRoutes<string>();
    routes.add('r1', 'w1');
    routes.add('r2', 'w2');
    expect(routes.dispatch('r1', [status('r1', 'completed')])).toEqual(['w1']);
    routes.forget('w2');
    expect(routes.size).toBe(0);
  });

  it('bounds what it holds for runs nobody claims', () => {
    const routes = new RunRoutes<string>();
    for (let i = 0; i < MAX_HELD_RUNS + 10; i++) routes.dispatch(`r${i}`, [log(`r${i}`)]);
    expect(routes.size).toBe(MAX_HELD_RUNS);
    routes.dispatch(
      'big',
      Array.from({ length: MAX_HELD_EVENTS + 100 }, () => log('big')),
    );
    expect(routes.add('big', 'w')).toHaveLength(MAX_HELD_EVENTS);
  });
});
