// Run history on disk, one folder per run (`<runsDir>/<runId>/`, created by the runtime):
//   run.json       the RunSummary, rewritten atomically whenever a status changes
//   events.ndjson  the run's events, appended in batches, capped (see eventCap.ts)
// History survives host restarts; a corrupt run folder is skipped with a warning. The same store
// backs the host API and the REST API.

import { appendFile, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { RunEvent, RunSummary } from '../model/run.js';
import { isTerminalRunStatus } from '../model/run.js';
import type { RunHandle } from '../runtime/host/contracts.js';
import { PRIVATE_FILE_MODE, writeFileAtomic } from '../files/atomicFile.js';
import { EventCap, type EventCapLimits } from './eventCap.js';

export const SUMMARY_FILE = 'run.json';
export const EVENTS_FILE = 'events.ndjson';

/** What run.json holds: the summary plus how many events the cap left out. */
export interface StoredRun extends RunSummary {
  droppedEvents?: { log: number; update: number };
}

export interface RunStoreOptions {
  runsDir: string;
  limits?: EventCapLimits;
  warn?: (message: string) => void;
}

const RUN_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/** Run ids come from clients: only plain names, so an id can never point outside runsDir. */
export function isValidRunId(runId: string): boolean {
  return RUN_ID.test(runId) && !runId.includes('..');
}

/** One run being written. Serializes its own writes so run.json and events.ndjson stay ordered. */
class RunRecording {
  private readonly cap: EventCap;
  private pendingLines: string[] = [];
  private summaryDirty = false;
  private chain: Promise<void> = Promise.resolve();
  private scheduled = false;
  /** Events kept, for `get` while the run is live. */
  readonly events: RunEvent[] = [];
  readonly finished: Promise<void>;

  constructor(
    readonly handle: RunHandle,
    limits: EventCapLimits | undefined,
    private readonly warn: (message: string) => void,
  ) {
    this.cap = new EventCap(limits);
    handle.onEvent((event) => this.onEvent(event));
    this.summaryDirty = true;
    this.schedule();
    this.finished = handle.done.then(
      () => this.drain(),
      () => this.drain(),
    );
  }

  summary(): StoredRun {
    const { log, update } = this.cap.dropped;
    const base = this.handle.summary();
    return log + update > 0 ? { ...base, droppedEvents: { log, update } } : base;
  }

  private onEvent(event: RunEvent): void {
    if (event.kind === 'run-status' || event.kind === 'node-status') this.summaryDirty = true;
    if (!this.cap.keep(event)) return;
    this.events.push(event);
    this.pendingLines.push(JSON.stringify(event));
    this.schedule();
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    // A short delay groups a burst of events into one append.
    setTimeout(() => {
      this.scheduled = false;
      this.chain = this.chain.then(() => this.write());
    }, 50);
  }

  private async write(): Promise<void> {
    const dir = this.handle.runDir;
    try {
      if (this.pendingLines.length > 0) {
        const text = this.pendingLines.join('\n') + '\n';
        this.pendingLines = [];
        await appendFile(path.join(dir, EVENTS_FILE), text, { mode: PRIVATE_FILE_MODE });
      }
      if (this.summaryDirty) {
        this.summaryDirty = false;
        await writeFileAtomic(path.join(dir, SUMMARY_FILE), JSON.stringify(this.summary(), null, 2) + '\n', {
          mode: PRIVATE_FILE_MODE,
        });
      }
    } catch (err) {
      this.warn(`Run ${this.handle.runId}: could not write its history in ${dir}: ${(err as Error).message}`);
    }
  }

  async drain(): Promise<void> {
    this.summaryDirty = true;
    this.chain = this.chain.then(() => this.write());
    await this.chain;
  }
}

export class RunStore {
  readonly runsDir: string;
  private readonly live = new Map<string, RunRecording>();
  private readonly limits: EventCapLimits | undefined;
  private readonly warn: (message: string) => void;
  /** Summaries of ended runs read from disk: they never change, so each is read once. */
  private readonly ended = new Map<string, StoredRun>();

  constructor(options: RunStoreOptions) {
    this.runsDir = options.runsDir;
    this.limits = options.limits;
    this.warn = options.warn ?? ((m) => console.warn(`sluice: ${m}`));
  }

  /** Starts recording a run; the recording ends by itself when the run does. */
  record(handle: RunHandle): void {
    const recording = new RunRecording(handle, this.limits, this.warn);
    this.live.set(handle.runId, recording);
    void recording.finished.then(() => {
      if (this.live.get(handle.runId) === recording) this.live.delete(handle.runId);
    });
  }

  /** Every run, live ones first by their own summary, newest first. */
  async list(): Promise<StoredRun[]> {
    const byId = new Map<string, StoredRun>();
    for (const run of await this.readAll()) byId.set(run.runId, run);
    for (const [runId, recording] of this.live) byId.set(runId, recording.summary());
    return [...byId.values()].sort((a, b) => b.startedAt - a.startedAt || b.runId.localeCompare(a.runId));
  }

  async get(runId: string): Promise<(StoredRun & { events: RunEvent[] }) | undefined> {
    if (!isValidRunId(runId)) return undefined;
    const recording = this.live.get(runId);
    if (recording) return { ...recording.summary(), events: [...recording.events] };
    const summary = await this.readSummary(runId);
    if (!summary) return undefined;
    return { ...summary, events: await this.readEvents(runId) };
  }

  /** True for a live run and for one whose history is readable. */
  async has(runId: string): Promise<boolean> {
    if (!isValidRunId(runId)) return false;
    return this.live.has(runId) || (await this.readSummary(runId)) !== undefined;
  }

  /** The folder of a run, for artifacts (previews); undefined for an id that is not a plain name. */
  runDir(runId: string): string | undefined {
    if (!isValidRunId(runId)) return undefined;
    return this.live.get(runId)?.handle.runDir ?? path.join(this.runsDir, runId);
  }

  /** Resolves once every live run has ended and its history is written. */
  async flush(): Promise<void> {
    await Promise.all([...this.live.values()].map((r) => r.drain()));
  }

  private async readAll(): Promise<StoredRun[]> {
    let entries: string[];
    try {
      entries = (await readdir(this.runsDir, { withFileTypes: true }))
        .filter((e) => e.isDirectory())
        .map((e) => e.name);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    const runs = await Promise.all(
      entries.filter((id) => !this.live.has(id) && isValidRunId(id)).map((id) => this.readSummary(id)),
    );
    return runs.filter((r): r is StoredRun => r !== undefined);
  }

  private async readSummary(runId: string): Promise<StoredRun | undefined> {
    const cached = this.ended.get(runId);
    if (cached) return cached;
    const file = path.join(this.runsDir, runId, SUMMARY_FILE);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      // A folder without run.json: a run that never got going (or not ours); not worth a warning.
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT')
        this.warn(`Skipping run history ${file}: ${(err as Error).message}`);
      return undefined;
    }
    let run: unknown;
    try {
      run = JSON.parse(text);
    } catch (err) {
      this.warn(`Skipping run history ${file}: not valid JSON (${(err as Error).message})`);
      return undefined;
    }
    if (!isStoredRun(run) || run.runId !== runId) {
      this.warn(`Skipping run history ${file}: it is not a run summary of run ${runId}`);
      return undefined;
    }
    if (!isTerminalRunStatus(run.status)) {
      // Written by a host that stopped mid-run: the run cannot still be going.
      return { ...run, status: 'failed', error: { message: 'The host stopped before this run ended' } };
    }
    this.ended.set(runId, run);
    return run;
  }

  private async readEvents(runId: string): Promise<RunEvent[]> {
    let text: string;
    try {
      text = await readFile(path.join(this.runsDir, runId, EVENTS_FILE), 'utf8');
    } catch {
      return [];
    }
    const events: RunEvent[] = [];
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      try {
        events.push(JSON.parse(line) as RunEvent);
      } catch {
        // A line cut short by a crash: the rest of the log is still worth showing.
      }
    }
    return events;
  }
}

function isStoredRun(value: unknown): value is StoredRun {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.runId === 'string' &&
    typeof v.status === 'string' &&
    typeof v.startedAt === 'number' &&
    typeof v.workflowName === 'string' &&
    typeof v.nodes === 'object' &&
    v.nodes !== null
  );
}
