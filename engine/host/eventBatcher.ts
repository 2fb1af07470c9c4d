// Turns the event streams of all runs into batches for clients: at most `maxPerSecond` flushes a
// second, whatever the event rate (design.md). Status events are never dropped; progress keeps the
// latest per node and edge counts the latest per edge; log lines beyond `maxLogsPerBatch` in one
// batch are replaced by one line saying how many were skipped (the store keeps them).

import type { EdgeCount, RunEvent } from '../model/run.js';

export interface EventBatcherOptions {
  maxPerSecond?: number;
  maxLogsPerBatch?: number;
}

type Sink = (runId: string, events: RunEvent[]) => void;

interface Pending {
  /** In arrival order; a slot is emptied when a newer event of the same node/edge replaces it, so seq stays increasing. */
  events: Array<RunEvent | undefined>;
  /** Index in `events` of the pending progress event per node, and of the pending edge-counts event. */
  progressAt: Map<string, number>;
  countsAt: number | undefined;
  logs: number;
  skippedLogs: number;
  lastSkipped: RunEvent | undefined;
}

export class EventBatcher {
  private readonly interval: number;
  private readonly maxLogs: number;
  private readonly pending = new Map<string, Pending>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** performance.now() of the last flush: monotonic, so a clock change cannot stall the batches. */
  private lastFlush = -Infinity;

  constructor(
    private readonly sink: Sink,
    options: EventBatcherOptions = {},
  ) {
    this.interval = 1000 / (options.maxPerSecond ?? 30);
    this.maxLogs = options.maxLogsPerBatch ?? 1000;
  }

  push(event: RunEvent): void {
    let p = this.pending.get(event.runId);
    if (!p) {
      p = {
        events: [],
        progressAt: new Map(),
        countsAt: undefined,
        logs: 0,
        skippedLogs: 0,
        lastSkipped: undefined,
      };
      this.pending.set(event.runId, p);
    }
    switch (event.kind) {
      case 'progress': {
        const at = p.progressAt.get(event.nodeId);
        if (at !== undefined) p.events[at] = undefined;
        p.progressAt.set(event.nodeId, p.events.length);
        p.events.push(event);
        break;
      }
      case 'edge-counts': {
        const previous = p.countsAt !== undefined ? p.events[p.countsAt] : undefined;
        const merged =
          previous?.kind === 'edge-counts'
            ? { ...event, counts: mergeCounts(previous.counts, event.counts) }
            : event;
        if (p.countsAt !== undefined) p.events[p.countsAt] = undefined;
        p.countsAt = p.events.length;
        p.events.push(merged);
        break;
      }
      case 'log':
        if (p.logs < this.maxLogs) {
          p.logs++;
          p.events.push(event);
        } else {
          p.skippedLogs++;
          p.lastSkipped = event;
        }
        break;
      default:
        p.events.push(event);
    }
    this.schedule();
  }

  /** Sends everything pending now (at the end of a run, or when closing). */
  flush(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.lastFlush = performance.now();
    const batches = [...this.pending];
    this.pending.clear();
    for (const [runId, p] of batches) {
      const events = p.events.filter((e): e is RunEvent => e !== undefined);
      if (p.skippedLogs > 0 && p.lastSkipped) {
        const { runId: id, seq, time } = p.lastSkipped;
        // It stands in for the last skipped line (its seq), in seq order among the rest.
        const at = events.findIndex((e) => e.seq > seq);
        events.splice(at < 0 ? events.length : at, 0, {
          runId: id,
          seq,
          time,
          kind: 'log',
          level: 'warn',
          message: `${p.skippedLogs} log lines were not sent to the editor (too many at once); the run's history keeps them`,
        });
      }
      if (events.length > 0) this.sink(runId, events);
    }
  }

  dispose(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.pending.clear();
  }

  private schedule(): void {
    if (this.timer !== undefined) return;
    const wait = Math.max(0, this.lastFlush + this.interval - performance.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      // A timer set late in a busy turn of the event loop counts from that turn's start and can
      // fire a few ms early: wait out the rest so the rate holds.
      if (performance.now() - this.lastFlush < this.interval) this.schedule();
      else this.flush();
    }, wait);
  }
}

function mergeCounts(older: EdgeCount[], newer: EdgeCount[]): EdgeCount[] {
  const byEdge = new Map(older.map((c) => [c.edgeId, c]));
  for (const c of newer) byEdge.set(c.edgeId, c);
  return [...byEdge.values()];
}
