// The host-side event stream of one run: numbers events (`seq`), stamps them (`time`), keeps them
// for late listeners and fans them out. Bounded: status events are always kept; once MAX_KEPT other
// events (logs, progress, counts) are stored, further ones still reach live listeners but are not
// kept for replay.

import type { RunEvent, RunEventBody } from '../../model/run.js';

const MAX_KEPT = 50_000;

export class RunEventLog {
  private readonly kept: RunEvent[] = [];
  private readonly listeners = new Set<(e: RunEvent) => void>();
  private seq = 0;
  private others = 0;

  constructor(private readonly runId: string) {}

  emit(body: RunEventBody): RunEvent {
    const event = { runId: this.runId, seq: ++this.seq, time: Date.now(), ...body } as RunEvent;
    const isStatus = body.kind === 'run-status' || body.kind === 'node-status';
    if (isStatus || this.others++ < MAX_KEPT) this.kept.push(event);
    for (const l of this.listeners) {
      try {
        l(event);
      } catch {
        // A listener's failure must not break the run or the other listeners.
      }
    }
    return event;
  }

  /** Replays every kept event to `listener`, then sends it new ones. Returns unsubscribe. */
  subscribe(listener: (e: RunEvent) => void): () => void {
    for (const e of [...this.kept]) listener(e);
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  events(): RunEvent[] {
    return [...this.kept];
  }
}
