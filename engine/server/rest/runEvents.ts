// `GET /api/v1/runs/{id}/events`: a run's events as Server-Sent Events. It replays what the run has
// kept (after `Last-Event-ID` when a client reconnects), then streams live events until the run's
// final status, and ends. A run that has ended replays from the history and ends.

import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { HostService } from '../../host/hostService.js';
import { isTerminalRunStatus, type RunEvent } from '../../model/run.js';

const isEnd = (e: RunEvent): boolean => e.kind === 'run-status' && isTerminalRunStatus(e.status);

export function streamRunEvents(
  c: Context,
  service: HostService,
  runId: string,
  afterSeq: number | undefined,
): Response {
  return streamSSE(c, async (stream) => {
    const queue: RunEvent[] = [];
    let wake: (() => void) | undefined;
    let closed = false;
    const session = service.openSession(
      (id, events) => {
        if (id !== runId) return;
        queue.push(...events);
        wake?.();
      },
      { batch: false },
    );
    stream.onAbort(() => {
      closed = true;
      wake?.();
    });
    const send = (e: RunEvent) =>
      stream.writeSSE({ id: String(e.seq), event: e.kind, data: JSON.stringify(e) });
    try {
      const { live } = await session.call('run:subscribe', {
        runId,
        ...(afterSeq !== undefined ? { afterSeq } : {}),
      });
      if (!live) {
        const run = await service.call('run:get', { runId });
        for (const e of run.events ?? []) if (afterSeq === undefined || e.seq > afterSeq) await send(e);
        return;
      }
      for (;;) {
        while (queue.length > 0) {
          const e = queue.shift() as RunEvent;
          await send(e);
          if (isEnd(e)) return;
        }
        if (closed) return;
        await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
      }
    } finally {
      session.close();
    }
  });
}
