// Run events per caller, through the real host service and real node processes: a run is bound to
// the session that started it (every event from the first, after the answer, to nobody else), other
// sessions get it only by subscribing (replayed from the first event, or after `afterSeq`), and
// unsubscribing stops it.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HostError } from '../hostApi/errors.js';
import type { RunEvent } from '../model/run.js';
import type { Workflow } from '../model/workflow.js';
import {
  createHostService,
  type HostService,
  type HostSession,
  type HostSessionOptions,
} from './hostService.js';

let workspace: string;
let service: HostService;

beforeAll(async () => {
  workspace = await mkdtemp(path.join(os.tmpdir(), 'sluice-sessions-'));
  service = await createHostService({ workspace, confine: true, usePool: false });
});
afterAll(async () => {
  await service.close();
  await rm(workspace, { recursive: true, force: true });
});

const counting = (to: number, intervalMs = 0): Workflow => ({
  sluice: 1,
  name: 'Count',
  nodes: [
    { id: 'n', type: 'core.sequence', params: { from: 1, to, intervalMs }, position: { x: 0, y: 0 } },
    { id: 'print', type: 'core.log', params: {}, position: { x: 200, y: 0 } },
  ],
  edges: [{ id: 'e1', source: 'n', sourcePort: 'out', target: 'print', targetPort: 'in' }],
});

/** A session that records what it receives, and whether an answer had come when it did. */
function recorder(options?: HostSessionOptions) {
  const events: RunEvent[] = [];
  const answered = new Set<string>();
  const beforeAnswer: RunEvent[] = [];
  const session: HostSession = service.openSession((runId, batch) => {
    if (!answered.has(runId)) beforeAnswer.push(...batch);
    events.push(...batch);
  }, options);
  const ended = (runId: string) =>
    expect
      .poll(
        () => events.some((e) => e.runId === runId && e.kind === 'run-status' && e.status !== 'running'),
        {
          timeout: 20_000,
        },
      )
      .toBe(true);
  const start = async (workflow: Workflow) => {
    const { runId } = await session.call('run:start', { workflow });
    answered.add(runId);
    return runId;
  };
  return { session, events, beforeAnswer, answered, ended, start };
}

describe('host sessions', () => {
  it('sends a run to the session that started it: every event once, from the first, after the answer', async () => {
    const a = recorder({ batch: false });
    const b = recorder();
    const runId = await a.start(counting(200));
    await a.ended(runId);
    expect(a.beforeAnswer).toEqual([]);
    // Unbatched: every event of the run exactly once, in order.
    expect(a.events.map((e) => e.seq)).toEqual(a.events.map((_, i) => i + 1));
    expect(a.events.every((e) => e.runId === runId)).toBe(true);
    expect(a.events.filter((e) => e.kind === 'log')).toHaveLength(201);
    expect(a.events.at(-1)).toMatchObject({ kind: 'run-status', status: 'completed' });
    // The history has the same events: one route, one record.
    const history = await a.session.call('run:get', { runId });
    expect(history.events?.map((e) => e.seq)).toEqual(a.events.map((e) => e.seq));
    expect(b.events).toEqual([]);
    a.session.close();
    b.session.close();
  });

  it('another session gets a run only by subscribing, replayed from its first event; unsubscribing stops it', async () => {
    const a = recorder();
    const b = recorder();
    const c = recorder({ batch: false });
    const runId = await a.start(counting(1_000_000, 5));
    await expect
      .poll(() => a.events.filter((e) => e.kind === 'log').length, { timeout: 20_000 })
      .toBeGreaterThan(5);
    expect(b.events).toEqual([]);

    expect(await b.session.call('run:subscribe', { runId })).toEqual({ live: true });
    await expect.poll(() => b.events.filter((e) => e.kind === 'log').length).toBeGreaterThan(10);
    // The replay starts at the run's first event: the run and node statuses a late subscriber missed.
    expect(b.events[0]).toMatchObject({ seq: 1, runId });
    expect(b.events.filter((e) => e.kind === 'node-status' && e.status === 'pending')).toHaveLength(2);

    // afterSeq: only what comes after it.
    const after = a.events.at(-1)!.seq;
    await c.session.call('run:subscribe', { runId, afterSeq: after });
    await expect.poll(() => c.events.length).toBeGreaterThan(0);
    expect(c.events[0]!.seq).toBe(after + 1);

    expect(await b.session.call('run:unsubscribe', { runId })).toEqual({ ok: true });
    const seen = b.events.length;
    await a.session.call('run:stop', { runId });
    await a.ended(runId);
    await c.ended(runId);
    expect(a.events.at(-1)).toMatchObject({ kind: 'run-status', status: 'cancelled' });
    expect(b.events).toHaveLength(seen);
    for (const s of [a, b, c]) s.session.close();
  });

  it('answers a subscription to an ended run with live: false, and refuses unknown runs and sessionless calls', async () => {
    const a = recorder();
    const runId = await a.start(counting(3));
    await a.ended(runId);
    await expect.poll(async () => (await a.session.call('run:subscribe', { runId })).live).toBe(false);
    await expect(a.session.call('run:subscribe', { runId: 'no-such-run' })).rejects.toThrow(
      /No run with id "no-such-run"/,
    );
    const err = await service.call('run:subscribe', { runId }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HostError);
    expect((err as Error).message).toMatch(/run:subscribe needs a connection that receives events/);
    a.session.close();
  });

  it('a closed session receives nothing more', async () => {
    const a = recorder();
    const b = recorder();
    const runId = await a.start(counting(1_000_000, 5));
    await b.session.call('run:subscribe', { runId });
    await expect.poll(() => b.events.length, { timeout: 20_000 }).toBeGreaterThan(0);
    b.session.close();
    const seen = b.events.length;
    await a.session.call('run:stop', { runId });
    await a.ended(runId);
    expect(b.events).toHaveLength(seen);
    a.session.close();
  });
});
