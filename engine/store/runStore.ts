// Run history: one SQLite database per workspace (`.sluice/history.db`, beside the run folders that
// hold each run's tables and previews), shared by every host that runs there — the app, `sluice run`
// and `sluice serve` at once (WAL). Per run it keeps the workflow as it ran, who started it, its state
// and timings, each node's state, attempts, counters and error, and its events (capped, eventCap.ts).
// A run whose host died is marked failed by the next host that looks (deadHosts.ts); run folders from
// before the database are imported once (runImport.ts). The same store backs the host API and REST.

import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { RunEvent } from '../model/run.js';

type LogEvent = Extract<RunEvent, { kind: 'log' }>;
import type { Workflow } from '../model/workflow.js';
import type { RunHandle } from '../runtime/host/contracts.js';
import type { EventCapLimits } from './eventCap.js';
import { failRunsOfDeadHosts, HEARTBEAT_MS } from './deadHosts.js';
import { openHistoryDb, type HistoryDb } from './historyDb.js';
import { importRunFolders } from './runImport.js';
import { readRecordedOutputs, selectOutputs } from './outputRows.js';
import type { RecordedOutput } from '../hostApi/api.js';
import { RunRecording } from './runRecording.js';
import {
  selectEvents,
  selectRun,
  selectRuns,
  selectWorkflow,
  type HostIdentity,
  type RunFilter,
  type RunOrigins,
  type StoredRun,
} from './runRows.js';

export type { RunFilter, RunOrigin, StoredRun } from './runRows.js';

export const HISTORY_FILE = 'history.db';

export interface RunStoreOptions {
  runsDir: string;
  /** The database; `<runsDir>/../history.db` by default. */
  file?: string;
  limits?: EventCapLimits;
  warn?: (message: string) => void;
}

const RUN_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/** Run ids come from clients: only plain names, so an id can never point outside runsDir. */
export function isValidRunId(runId: string): boolean {
  return RUN_ID.test(runId) && !runId.includes('..');
}

export class RunStore {
  readonly runsDir: string;
  readonly file: string;
  private readonly db: HistoryDb;
  private readonly host: HostIdentity = { id: randomUUID(), name: os.hostname(), pid: process.pid };
  private readonly live = new Map<string, RunRecording>();
  private readonly limits: EventCapLimits | undefined;
  private readonly warn: (message: string) => void;
  private readonly heartbeat: NodeJS.Timeout;

  constructor(options: RunStoreOptions) {
    this.runsDir = options.runsDir;
    this.file = options.file ?? path.join(path.dirname(options.runsDir), HISTORY_FILE);
    this.limits = options.limits;
    this.warn = options.warn ?? ((m) => console.warn(`sluice: ${m}`));
    this.db = openHistoryDb(this.file);
    importRunFolders(this.db, this.runsDir, isValidRunId, this.warn);
    failRunsOfDeadHosts(this.db, this.host);
    this.heartbeat = setInterval(() => {
      for (const r of this.live.values()) r.heartbeat();
    }, HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  /** Starts recording a run; the recording ends by itself when the run does. */
  record(handle: RunHandle, origins: RunOrigins = { startedBy: 'editor' }): void {
    const recording = new RunRecording(this.db, handle, origins, this.host, this.limits, this.warn);
    this.live.set(handle.runId, recording);
    void recording.finished.then(() => {
      if (this.live.get(handle.runId) === recording) this.live.delete(handle.runId);
    });
  }

  /** Runs newest first (filtered, paged); a live run of this host by its own, current summary. */
  async list(filter: RunFilter = {}): Promise<StoredRun[]> {
    failRunsOfDeadHosts(this.db, this.host);
    return selectRuns(this.db, filter).map((run) => this.live.get(run.runId)?.summary() ?? run);
  }

  async get(runId: string): Promise<(StoredRun & { events: RunEvent[] }) | undefined> {
    if (!isValidRunId(runId)) return undefined;
    const recording = this.live.get(runId);
    if (recording) return { ...recording.summary(), events: [...recording.events] };
    failRunsOfDeadHosts(this.db, this.host);
    const run = selectRun(this.db, runId);
    return run && { ...run, events: selectEvents(this.db, runId) };
  }

  /** A run's log lines (of one node) after the event `afterSeq`, at most `limit`. */
  async logs(runId: string, o: { nodeId?: string; afterSeq: number; limit: number }): Promise<LogEvent[]> {
    const recording = this.live.get(runId);
    const all = recording ? recording.events : selectEvents(this.db, runId, o.afterSeq, 'log', o.nodeId);
    const out: LogEvent[] = [];
    for (const e of all) {
      if (out.length >= o.limit) break;
      if (e.kind === 'log' && e.seq > o.afterSeq && (o.nodeId === undefined || e.nodeId === o.nodeId))
        out.push(e);
    }
    return out;
  }

  /** The workflow a run ran, as it was then. */
  async workflowOf(runId: string): Promise<Workflow | undefined> {
    return isValidRunId(runId) ? selectWorkflow(this.db, runId) : undefined;
  }

  /**
   * The outputs a run recorded: from the history once it has ended, from its folder while it is live
   * (and for runs from before the history kept them).
   */
  async outputs(runId: string): Promise<RecordedOutput[] | undefined> {
    const runDir = this.runDir(runId);
    if (!runDir) return undefined;
    if (!this.live.has(runId)) {
      const stored = selectOutputs(this.db, runId);
      if (stored) return stored;
    }
    return readRecordedOutputs(runDir);
  }

  /** True for a live run and for one in the history. */
  async has(runId: string): Promise<boolean> {
    if (!isValidRunId(runId)) return false;
    return this.live.has(runId) || selectRun(this.db, runId) !== undefined;
  }

  /** The folder of a run, for artifacts (previews); undefined for an id that is not a plain name. */
  runDir(runId: string): string | undefined {
    if (!isValidRunId(runId)) return undefined;
    return this.live.get(runId)?.handle.runDir ?? path.join(this.runsDir, runId);
  }

  /** Resolves once every live run has ended and its history is written. */
  async flush(): Promise<void> {
    await Promise.all([...this.live.values()].map((r) => r.finished));
  }

  /** Writes what is pending and closes the database (after `flush`, when runs may still be live). */
  async close(): Promise<void> {
    clearInterval(this.heartbeat);
    // An ended run's last writes (its outputs) are under way: wait for them; a live one writes now.
    for (const r of this.live.values()) await (r.ended ? r.finished : r.flush());
    this.db.close();
  }
}
