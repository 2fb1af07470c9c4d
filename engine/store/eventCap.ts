// What a run's stored event log keeps. Status events are always kept (they make the history); log
// lines and progress/edge-count updates are capped so a node logging in a loop cannot fill the disk.

import type { RunEvent } from '../model/run.js';

export interface EventCapLimits {
  /** Log lines kept per run. */
  logLines: number;
  /** Progress and edge-count events kept per run. */
  updates: number;
}

export const DEFAULT_EVENT_CAP: EventCapLimits = { logLines: 10_000, updates: 10_000 };

export class EventCap {
  private logs = 0;
  private updates = 0;
  /** Events left out, per kind, so the history can say so. */
  readonly dropped = { log: 0, update: 0 };

  constructor(private readonly limits: EventCapLimits = DEFAULT_EVENT_CAP) {}

  keep(event: RunEvent): boolean {
    switch (event.kind) {
      case 'run-status':
      case 'node-status':
        return true;
      case 'log':
        if (this.logs < this.limits.logLines) {
          this.logs++;
          return true;
        }
        this.dropped.log++;
        return false;
      case 'progress':
      case 'edge-counts':
        if (this.updates < this.limits.updates) {
          this.updates++;
          return true;
        }
        this.dropped.update++;
        return false;
    }
  }
}
