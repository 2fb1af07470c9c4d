// One live run being written to the history database: its events (capped, eventCap.ts) and its
// state, in small batches — a burst of events becomes one transaction — and once more when it ends.
// A write that fails (the disk is full, another host holds the database too long) is kept and tried
// again with the next batch: the history is late, never silently short.

import type { EdgeCount, RunEvent } from '../model/run.js';
import type { RunHandle } from '../runtime/host/contracts.js';
import { EventCap, type EventCapLimits } from './eventCap.js';
import type { HistoryDb } from './historyDb.js';
import { insertOutputs, readRecordedOutputs } from './outputRows.js';
import {
  insertEvents,
  insertRun,
  updateRun,
  type HostIdentity,
  type RunOrigins,
  type StoredRun,
} from './runRows.js';

/** A short delay groups a burst of events into one write. */
const BATCH_MS = 50;

export class RunRecording {
  private readonly cap: EventCap;
  private pending: RunEvent[] = [];
  private stateDirty = true;
  private timer: NodeJS.Timeout | undefined;
  private readonly edgeCounts = new Map<string, EdgeCount>();
  /** Events kept, for `get` while the run is live. */
  readonly events: RunEvent[] = [];
  readonly finished: Promise<void>;
  /** The run has ended: `finished` settles once its last writes are done. */
  ended = false;

  constructor(
    private readonly db: HistoryDb,
    readonly handle: RunHandle,
    private readonly origins: RunOrigins,
    host: HostIdentity,
    limits: EventCapLimits | undefined,
    private readonly warn: (message: string) => void,
  ) {
    this.cap = new EventCap(limits);
    insertRun(db, handle.summary(), origins, host);
    handle.onEvent((event) => this.onEvent(event));
    this.schedule();
    const end = async () => {
      this.ended = true;
      await this.recordOutputs();
      await this.flush();
    };
    this.finished = handle.done.then(end, end);
  }

  summary(): StoredRun {
    const { log, update } = this.cap.dropped;
    const base: StoredRun = { ...this.handle.summary(), startedBy: this.origins.startedBy };
    return log + update > 0 ? { ...base, droppedEvents: { log, update } } : base;
  }

  private onEvent(event: RunEvent): void {
    if (event.kind === 'run-status' || event.kind === 'node-status') this.stateDirty = true;
    if (event.kind === 'edge-counts') {
      for (const c of event.counts) this.edgeCounts.set(c.edgeId, c);
      this.stateDirty = true;
    }
    if (!this.cap.keep(event)) return;
    this.events.push(event);
    this.pending.push(event);
    this.schedule();
  }

  private schedule(): void {
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.write(false);
    }, BATCH_MS);
  }

  private write(heartbeat: boolean): void {
    const events = this.pending;
    this.pending = [];
    const dirty = this.stateDirty || heartbeat;
    this.stateDirty = false;
    try {
      if (events.length > 0) insertEvents(this.db, events);
      if (dirty)
        updateRun(
          this.db,
          { summary: this.summary(), edgeCounts: [...this.edgeCounts.values()] },
          this.origins.workflow,
          true,
        );
    } catch (err) {
      this.pending = [...events, ...this.pending];
      this.stateDirty ||= dirty;
      this.warn(`Run ${this.handle.runId}: could not write its history: ${(err as Error).message}`);
    }
  }

  /** Once the run has ended, its nodes have written their outputs' records: keep what they say. */
  private async recordOutputs(): Promise<void> {
    try {
      insertOutputs(this.db, this.handle.runId, await readRecordedOutputs(this.handle.runDir));
    } catch (err) {
      this.warn(`Run ${this.handle.runId}: could not record its outputs: ${(err as Error).message}`);
    }
  }

  /** The live host's sign of life (deadHosts.ts). */
  heartbeat(): void {
    this.write(true);
  }

  /** Writes what is pending now. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.stateDirty = true;
    this.write(false);
    return Promise.resolve();
  }
}
