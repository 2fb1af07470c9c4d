// The run events of one caller of the host service (a WebSocket client, a desktop window, `sluice
// run`): the runs it started and the ones it subscribed to, nothing else. There is no buffer here:
// a run's RunEventLog (engine/runtime/host/eventLog.ts) keeps its events and replays them to a late
// listener, so following a run at any point misses nothing.

import type { RunEvent } from '../model/run.js';
import type { RunHandle } from '../runtime/host/contracts.js';
import { EventBatcher } from './eventBatcher.js';

export type RunEventsListener = (runId: string, events: RunEvent[]) => void;

export interface RunFeedOptions {
  /** false: every event on its own, as it happens (`sluice run --json` prints each one). */
  batch?: boolean;
  warn: (message: string) => void;
}

export class RunFeed {
  /** Run id → stop following it. */
  private readonly following = new Map<string, () => void>();
  private readonly batcher: EventBatcher | undefined;
  private closed = false;

  constructor(
    private readonly listener: RunEventsListener,
    private readonly options: RunFeedOptions,
  ) {
    this.batcher =
      options.batch === false ? undefined : new EventBatcher((runId, events) => this.deliver(runId, events));
  }

  /**
   * Sends `handle`'s events after `afterSeq` (all of them by default), then new ones until the run
   * ends. The log is read from the next turn of the event loop on: the answer to the request that
   * asked for the run (`run:start`, `run:subscribe`) is sent in this turn, so it reaches the caller
   * before the run's first event and the caller knows the run id by then.
   */
  follow(handle: RunHandle, afterSeq = 0): void {
    const { runId } = handle;
    if (this.closed || this.following.has(runId)) return;
    let unsubscribe: (() => void) | undefined;
    const start = setImmediate(() => {
      unsubscribe = handle.onEvent((event) => {
        if (event.seq <= afterSeq) return;
        if (this.batcher) this.batcher.push(event);
        else this.deliver(runId, [event]);
      });
    });
    const stop = () => {
      clearImmediate(start);
      unsubscribe?.();
    };
    this.following.set(runId, stop);
    // Queued after `start`, so an ended run is still replayed before it is let go.
    void handle.done.finally(() =>
      setImmediate(() => {
        if (this.following.get(runId) !== stop) return;
        // The last status of a run should not wait for the next tick of the batcher.
        this.batcher?.flush();
        this.unfollow(runId);
      }),
    );
  }

  unfollow(runId: string): void {
    this.following.get(runId)?.();
    this.following.delete(runId);
  }

  /** Sends what is pending and stops following every run. */
  close(): void {
    if (this.closed) return;
    this.batcher?.flush();
    this.closed = true;
    for (const runId of [...this.following.keys()]) this.unfollow(runId);
    this.batcher?.dispose();
  }

  private deliver(runId: string, events: RunEvent[]): void {
    // A batch still pending when the caller unsubscribed is not theirs any more.
    if (this.closed || !this.following.has(runId)) return;
    try {
      this.listener(runId, events);
    } catch (err) {
      this.options.warn(`A run event listener failed: ${(err as Error).message}`);
    }
  }
}
