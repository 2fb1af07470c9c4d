// The run actions (Run, Stop, Abort, Pause/Resume) and the host's event stream, wired to the run store.
// The host sends this client only the runs it started or subscribed to, and the first events of a
// run after the answer to its `run:start`, so no event is kept here. Should a transport deliver some
// before the answer all the same, they are not lost: the run is then rebuilt from the host's record
// (`run:get`), as after a WebSocket reconnect (which also subscribes again: a new connection is a
// new client to the host).

import type { HostClient, RecordedOutput, TablePreview } from '../../../engine/hostApi/api.js';
import type { Problem } from '../../../engine/model/problem.js';
import type { RunEvent, RunSummary } from '../../../engine/model/run.js';
import type { EditorStore } from '../store/index.js';
import type { PanelStore } from './panelStore.js';
import { upstreamWorkflow } from './upstream.js';
import { applyEvents, isTerminal, runFromHost } from './runState.js';
import type { RunStore } from './runStore.js';

type ConnectionState = 'connecting' | 'open' | 'closed';
interface Reconnecting {
  onConnectionState(listener: (state: ConnectionState) => void): () => void;
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function hasReconnect(host: HostClient): host is HostClient & Reconnecting {
  return typeof (host as Partial<Reconnecting>).onConnectionState === 'function';
}

export class RunSession {
  private starting = false;
  /** Runs whose events came while a start was in flight, before its answer named the run. */
  private seenWhileStarting = new Set<string>();
  /** While catching up: events that arrive meanwhile, re-applied over the host's record. */
  private sinceCatchUp: RunEvent[] | null = null;

  constructor(
    private readonly host: HostClient,
    private readonly editor: EditorStore,
    private readonly store: RunStore,
    private readonly panel: PanelStore,
  ) {}

  /** Subscribes to the host's run events (and reconnects). Returns the undo. */
  connect(): () => void {
    const offEvents = this.host.onRunEvents((runId, events) => this.onEvents(runId, events));
    let wasClosed = false;
    const offState = hasReconnect(this.host)
      ? this.host.onConnectionState((state) => {
          if (state === 'closed') wasClosed = true;
          if (state === 'open' && wasClosed) {
            wasClosed = false;
            void this.catchUp();
          }
        })
      : () => undefined;
    // A document opened or created: the last run's marks belong to another graph. (A run still going
    // stays, so it can be stopped.) Opening and New start from a cleared history; no edit does.
    const offDoc = this.editor.subscribe((state, prev) => {
      const cleared =
        state.undoStack !== prev.undoStack && state.undoStack.length === 0 && state.redoStack.length === 0;
      if (!cleared) return;
      if (!this.isActive() && this.store.getState().run !== null) this.store.getState().clear();
    });
    return () => {
      offEvents();
      offState();
      offDoc();
    };
  }

  /** True while a run is on and not ended. */
  isActive(): boolean {
    const run = this.store.getState().run;
    return run !== null && !isTerminal(run.status);
  }

  /** Runs the document, or with `upTo` only that node and what it depends on ("Run to here"). */
  async start(options: { upTo?: string } = {}): Promise<void> {
    const runs = this.store.getState();
    if (runs.busy !== null || this.isActive()) return;
    const editor = this.editor.getState();
    if (editor.view !== 'editor') return;
    editor.runCheck();
    const part = options.upTo === undefined ? null : upstreamWorkflow(editor.doc, options.upTo);
    const inPart = (p: Problem) =>
      !part || p.nodeId === undefined || part.nodes.some((n) => n.id === p.nodeId);
    const errors = this.editor.getState().problems.filter((p) => p.severity === 'error' && inPart(p));
    if (errors.length > 0) {
      this.refuse(`Cannot run: ${plural(errors.length, 'problem')} to fix first`);
      return;
    }
    const { doc: whole, path } = this.editor.getState();
    const doc = part ?? whole;
    runs.setBusy('start');
    this.starting = true;
    this.seenWhileStarting.clear();
    try {
      const { runId } = await this.host.call('run:start', {
        workflow: doc,
        ...(path !== null ? { path } : {}),
      });
      this.store.getState().begin(
        runId,
        doc.nodes.map((n) => n.id),
        Date.now(),
      );
      this.panel.getState().show('logs');
      if (this.seenWhileStarting.has(runId)) void this.catchUp();
    } catch (err) {
      const problems = (err as { problems?: Problem[] }).problems;
      if (problems && problems.length > 0) {
        // The host's check (files, inferred schemas) can find what the editor's cannot.
        this.editor.setState({ problems });
        this.refuse(errorText(err));
      } else this.editor.getState().notify('error', `Cannot start the run: ${errorText(err)}`);
    } finally {
      this.starting = false;
      this.seenWhileStarting.clear();
      this.store.getState().setBusy(null);
    }
  }

  /**
   * Stop drains (in-flight items finish); Stop again while it drains aborts. That is the second
   * Ctrl-C of a terminal (and of `docker compose`), and it keeps both on the key and button people
   * already press: n8n's Stop and KNIME's Cancel kill at once, so whoever expects that and sees a slow
   * drain presses Stop again and gets it.
   */
  async stop(): Promise<void> {
    if (this.store.getState().busy === 'stop') await this.abort();
    else await this.control('stop', 'run:stop');
  }

  /** Kills the run's node processes at once, also while Stop drains (the run ends cancelled). */
  async abort(): Promise<void> {
    await this.control('abort', 'run:abort');
  }

  async pauseResume(): Promise<void> {
    const status = this.store.getState().run?.status;
    if (status === 'running') await this.control('pause', 'run:pause');
    else if (status === 'paused') await this.control('resume', 'run:resume');
  }

  private async control(
    busy: 'stop' | 'abort' | 'pause' | 'resume',
    method: 'run:stop' | 'run:abort' | 'run:pause' | 'run:resume',
  ): Promise<void> {
    const { run, busy: inFlight } = this.store.getState();
    // Abort may overtake a Stop in flight (its answer comes when the drain ends); nothing else may.
    const overtakes = busy === 'abort' && inFlight === 'stop';
    if (!run || isTerminal(run.status) || (inFlight !== null && !overtakes)) return;
    this.store.getState().setBusy(busy);
    try {
      await this.host.call(method, { runId: run.runId });
    } catch (err) {
      // The run may have ended meanwhile; its last events say so.
      if (this.isActive())
        this.editor.getState().notify('error', `Cannot ${busy} the run: ${errorText(err)}`);
    } finally {
      // An overtaken Stop's answer leaves the Abort's busy alone.
      if (this.store.getState().busy === busy) this.store.getState().setBusy(null);
    }
  }

  /**
   * Shows a run from the history (the runs panel's Open): its node states, counts, logs and errors
   * as the host recorded them; a run still going is followed from there.
   */
  async show(record: RunSummary & { events?: RunEvent[] }): Promise<void> {
    const run = runFromHost(record);
    this.store.getState().replace(run);
    if (isTerminal(run.status)) return;
    try {
      await this.host.call('run:subscribe', { runId: run.runId, afterSeq: Math.max(0, run.lastSeq) });
    } catch (err) {
      this.editor.getState().notify('error', `Cannot follow run ${run.runId}: ${errorText(err)}`);
    }
  }

  /** The table outputs a run recorded (the inspector's data preview). */
  outputs(runId: string): Promise<RecordedOutput[]> {
    return this.host.call('run:outputs', { runId });
  }

  /** Schema, row count and the first rows of one recorded table output. */
  preview(runId: string, nodeId: string, port: string): Promise<TablePreview> {
    return this.host.call('run:preview', { runId, nodeId, port });
  }

  private refuse(message: string): void {
    this.panel.getState().show('problems');
    this.editor.getState().notify('error', message, 'check');
  }

  private onEvents(runId: string, events: RunEvent[]): void {
    const run = this.store.getState().run;
    if (run?.runId === runId) {
      this.store.getState().applyBatch(runId, events);
      this.sinceCatchUp?.push(...events);
      return;
    }
    if (this.starting) this.seenWhileStarting.add(runId);
  }

  /** The host's record of the run replaces what the editor had (after a reconnect, or a late answer). */
  private async catchUp(): Promise<void> {
    const run = this.store.getState().run;
    if (!run || isTerminal(run.status)) return;
    this.sinceCatchUp = [];
    try {
      // Events from now on (and those after what is here); the record covers the rest.
      await this.host.call('run:subscribe', { runId: run.runId, afterSeq: Math.max(0, run.lastSeq) });
      const summary = await this.host.call('run:get', { runId: run.runId });
      if (this.store.getState().run?.runId !== run.runId) return;
      // Events newer than the record (sent while it travelled) go on top; older ones are skipped by seq.
      this.store.getState().replace(applyEvents(runFromHost(summary), this.sinceCatchUp));
    } catch (err) {
      this.editor.getState().notify('error', `Cannot catch up with run ${run.runId}: ${errorText(err)}`);
    } finally {
      this.sinceCatchUp = null;
    }
  }
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
