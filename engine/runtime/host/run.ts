// One run on the host: its node slots (one worker process each), the wiring of edges, worker reports
// turned into RunEvents, the failure policy, and stop, pause and resume. startRun (runController.ts)
// checks the workflow and creates it.

import type { ErrorInfo, NodeStatus, RunEvent, RunStatus, RunSummary } from '../../model/run.js';
import { isTerminalNodeStatus } from '../../model/run.js';
import { nodeMode, type Workflow } from '../../model/workflow.js';
import type { RegisteredNode } from '../../nodes/registry.js';
import { createChildLauncher } from './childLauncher.js';
import { toErrorInfo } from '../common/errors.js';
import { RunEventLog } from './eventLog.js';
import { EdgeCounts } from './edgeCounts.js';
import { buildSummary } from './runSummary.js';
import { waitForExits } from './processExits.js';
import { endSlot, memoryTargets, newSlot, type NodeSlot } from './nodeSlot.js';
import { budgetFor, processLimit } from './processBudget.js';
import type { HostToWorker, NodeAssignment } from '../common/protocol.js';
import { isWorkerMessage } from '../common/protocol.js';
import { launchNodeProcess } from './workerPool.js';
import { resolveWorkerEntry } from './workerEntry.js';
import { buildAssignment, outputTargets } from './nodeAssignment.js';
import { blameMarks } from './blame.js';
import {
  ABORT_GRACE_MS,
  DEFAULT_CAPACITY,
  DRAIN_GRACE_MS,
  KILL_GRACE_MS,
  type RunOptions,
} from './runOptions.js';
import { MemoryWatch, defaultMemoryLimitMb, describeExit } from './memoryLimit.js';

export class Run {
  private readonly log: RunEventLog;
  private readonly slots = new Map<string, NodeSlot>();
  private readonly edgeCounts: EdgeCounts;
  private readonly memoryWatch = new MemoryWatch(() => memoryTargets(this.slots.values()));
  private status: RunStatus = 'ready';
  private error: ErrorInfo | undefined;
  private readonly startedAt = Date.now();
  private endedAt: number | undefined;
  private listening = 0;
  private ending: Promise<void> | undefined;
  private draining = false;
  private drainTimer: NodeJS.Timeout | undefined;
  private timeLimitTimer: NodeJS.Timeout | undefined;
  private releaseBudget: (() => void) | undefined;
  private resolveDone!: (s: RunSummary) => void;
  readonly done = new Promise<RunSummary>((r) => (this.resolveDone = r));

  constructor(
    readonly runId: string,
    readonly runDir: string,
    private readonly workflow: Workflow,
    private readonly options: RunOptions,
    private readonly portTypes: Record<
      string,
      { inputs: Record<string, string>; outputs: Record<string, string> }
    >,
    private readonly shared: ReadonlyMap<string, unknown>,
    joined: ReadonlyMap<string, readonly string[]> = new Map(), // edges joined around bypassed nodes
  ) {
    this.log = new RunEventLog(runId);
    const defaultMemory = options.pool?.memoryLimitMb ?? defaultMemoryLimitMb();
    for (const node of workflow.nodes) {
      const registered = options.registry.get(node.type) as RegisteredNode;
      this.slots.set(node.id, newSlot(node, registered, node.policy?.memoryLimitMb ?? defaultMemory));
    }
    this.edgeCounts = new EdgeCounts(
      workflow.edges.map((e) => e.id),
      (counts) => this.log.emit({ kind: 'edge-counts', counts }),
      joined,
    );
  }

  /** Every event of the run from the first one on (late listeners get a replay). */
  subscribe(listener: (e: RunEvent) => void): () => void {
    return this.log.subscribe(listener);
  }

  start(): void {
    this.setStatus('running');
    const limit = this.options.timeLimitMs;
    if (limit !== undefined && limit > 0) {
      this.timeLimitTimer = setTimeout(() => {
        this.error = { message: `The run took longer than its time limit of ${limit} ms` };
        void this.finish('failed');
      }, limit);
    }
    for (const slot of this.slots.values())
      this.log.emit({ kind: 'node-status', nodeId: slot.node.id, status: 'pending' });
    if (this.slots.size === 0) {
      void this.finish('completed');
      return;
    }
    let entry: string;
    try {
      entry = this.options.workerEntry ?? this.options.pool?.entry ?? resolveWorkerEntry();
    } catch (err) {
      this.error = toErrorInfo(err);
      void this.finish('failed');
      return;
    }
    // Nodes stay pending until the host's process budget has room for all of them.
    void budgetFor(this.options.maxProcesses ?? processLimit())
      .acquire(this.slots.size)
      .then((release) => {
        if (this.ending) release();
        else {
          this.releaseBudget = release;
          this.launchAll(entry);
        }
      });
  }

  private launchAll(entry: string): void {
    const launcher = this.options.launcher ?? createChildLauncher();
    // Launch everything first (forks proceed in parallel), then assign. A disabled or bypassed node
    // gets no process: it is skipped; its edges carry nothing or were joined around it (bypass.ts).
    const enabled = [...this.slots.values()].filter((s) => nodeMode(s.node) === 'active');
    for (const slot of enabled) {
      // `starting` (issue 9): from here until its worker reports `running`.
      this.setLive(slot, 'starting');
      slot.proc = launchNodeProcess({
        launcher,
        entry,
        preload: slot.registered.definition.preload ?? [],
        memoryLimitMb: slot.memoryLimitMb,
        ...(this.options.pool ? { pool: this.options.pool } : {}),
      });
      const proc = slot.proc;
      proc.onMessage((m) => this.onWorkerMessage(slot, m));
      proc.onExit((code, signal) => this.onWorkerExit(slot, code, signal));
      proc.onOutput?.((text) => this.onWorkerOutput(slot, text));
    }
    this.memoryWatch.start();
    for (const slot of enabled) this.send(slot, { type: 'assign', assignment: this.assignment(slot) });
    for (const s of this.slots.values()) if (!enabled.includes(s)) this.onNodeStatus(s, 'skipped', 0);
  }

  private assignment(slot: NodeSlot): NodeAssignment {
    return buildAssignment({
      runId: this.runId,
      runDir: this.runDir,
      baseDir: this.options.baseDir,
      workflow: this.workflow,
      node: slot.node,
      registered: slot.registered,
      portTypes: this.portTypes,
      shared: this.shared,
      defaultCapacity: DEFAULT_CAPACITY,
    });
  }

  private send(slot: NodeSlot, m: HostToWorker): void {
    if (slot.proc && !slot.exited) slot.proc.send(m);
  }

  private describe(slot: NodeSlot): string {
    return `Node "${slot.node.id}" (${slot.node.type})`;
  }

  private onWorkerMessage(slot: NodeSlot, m: unknown): void {
    if (!isWorkerMessage(m)) return;
    switch (m.type) {
      case 'listening':
        slot.socketPath = m.socketPath;
        this.markReady(slot);
        return;
      case 'status':
        this.onNodeStatus(slot, m.status, m.attempt, m.error);
        return;
      case 'fatal':
        this.onNodeStatus(slot, 'failed', slot.attempt, m.error);
        return;
      case 'logs':
        for (const line of m.lines)
          this.log.emit({ kind: 'log', nodeId: slot.node.id, level: line.level, message: line.message });
        return;
      case 'progress': {
        const { type: _type, ...rest } = m;
        this.log.emit({ kind: 'progress', nodeId: slot.node.id, ...rest });
        return;
      }
      case 'counts':
        this.edgeCounts.merge(m.edges);
        return;
      case 'ready':
        return;
    }
  }

  /** A node is wired (or failed before it could be): once all are, senders get their targets. */
  private markReady(slot: NodeSlot): void {
    if (slot.ready) return;
    slot.ready = true;
    if (++this.listening === this.slots.size && !this.ending) this.connectAll();
  }

  private connectAll(): void {
    const socketOf = (nodeId: string): string | undefined => this.slots.get(nodeId)?.socketPath;
    for (const slot of this.slots.values())
      this.send(slot, { type: 'start', targets: outputTargets(this.workflow, slot.node.id, socketOf) });
  }

  private onNodeStatus(
    slot: NodeSlot,
    status: Exclude<NodeStatus, 'pending' | 'starting'>,
    attempt: number,
    error?: ErrorInfo,
  ): void {
    if (isTerminalNodeStatus(slot.status)) return;
    const blamed = status === 'failed' && error?.blame ? this.slots.get(error.blame) : undefined;
    if (blamed && blamed !== slot) return this.onBlamed(blamed, slot, error!);
    if (status === 'running' || status === 'retrying') {
      slot.attempt = attempt;
      slot.startedAt ??= Date.now();
      slot.status = status;
      this.log.emit({
        kind: 'node-status',
        nodeId: slot.node.id,
        status,
        attempt,
        ...(error ? { error } : {}),
      });
      return;
    }
    this.edgeCounts.flush();
    slot.status = status;
    slot.endedAt = Date.now();
    if (error) slot.error = error;
    this.log.emit({
      kind: 'node-status',
      nodeId: slot.node.id,
      status,
      ...(slot.attempt ? { attempt: slot.attempt } : {}),
      ...(error ? { error } : {}),
    });
    this.send(slot, { type: 'exit' });
    if (status === 'failed') this.onNodeFailed(slot, error ?? { message: 'failed' });
    // An allow-fail node that failed before listening must not hold back the others' start.
    this.markReady(slot);
    this.checkAllDone();
  }

  /** Another node found that `blamed`'s fragment fails (blame.ts): it fails, the nodes after it are cancelled. */
  private onBlamed(blamed: NodeSlot, reporter: NodeSlot, { blame: _blame, ...error }: ErrorInfo): void {
    this.edgeCounts.flush();
    for (const [slot, status] of blameMarks(this.workflow, this.slots, blamed, reporter)) {
      // A finished worker waits for 'exit'; a running one is stopped.
      const finished = isTerminalNodeStatus(slot.status) || slot === reporter;
      const e = endSlot(slot, status, status === 'failed' ? error : undefined);
      this.log.emit({ kind: 'node-status', nodeId: slot.node.id, status, ...e });
      this.send(slot, { type: finished ? 'exit' : 'stop' });
    }
    this.onNodeFailed(blamed, error);
    this.checkAllDone();
  }

  private onNodeFailed(slot: NodeSlot, error: ErrorInfo): void {
    if (slot.node.policy?.allowFail) {
      // The run goes on; consumers of this node see their inputs from it end.
      for (const e of this.workflow.edges) {
        const target = e.source === slot.node.id ? this.slots.get(e.target) : undefined;
        if (target) this.send(target, { type: 'edge-closed', edgeId: e.id });
      }
      return;
    }
    if (this.ending) return;
    const message = error.message.startsWith('Node "')
      ? error.message
      : `${this.describe(slot)} failed: ${error.message}`;
    this.error = { message, ...(error.stack ? { stack: error.stack } : {}) };
    void this.finish('failed');
  }

  private onWorkerExit(slot: NodeSlot, code: number | null, signal: string | null): void {
    slot.exited = true;
    for (const w of slot.exitWaiters.splice(0)) w();
    if (isTerminalNodeStatus(slot.status)) return;
    if (this.ending) {
      this.onNodeStatus(slot, 'cancelled', slot.attempt);
      return;
    }
    const how = describeExit({
      code,
      signal,
      limitMb: slot.memoryLimitMb,
      output: slot.output,
      ...(slot.rssMb !== undefined ? { rssMb: slot.rssMb } : {}),
    });
    this.onNodeStatus(slot, 'failed', slot.attempt, { message: `${this.describe(slot)}: ${how}` });
  }

  /** A node process's own output (V8's fatal errors, native modules): the run's log, not our stderr. */
  private onWorkerOutput(slot: NodeSlot, text: string): void {
    slot.output = (slot.output + text).slice(-8192);
    for (const line of text.split('\n')) {
      if (line.trim() !== '')
        this.log.emit({ kind: 'log', nodeId: slot.node.id, level: 'error', message: line });
    }
  }

  private checkAllDone(): void {
    if (this.ending) return;
    for (const slot of this.slots.values()) if (!isTerminalNodeStatus(slot.status)) return;
    void this.finish(this.draining ? 'cancelled' : 'completed');
  }

  /** Stops what is still running, waits for every process, then emits the final status. */
  private finish(final: RunStatus, killGraceMs = KILL_GRACE_MS): Promise<void> {
    this.ending ??= (async () => {
      clearTimeout(this.drainTimer);
      clearTimeout(this.timeLimitTimer);
      for (const slot of this.slots.values())
        if (!isTerminalNodeStatus(slot.status)) this.send(slot, { type: 'stop' });
      await waitForExits([...this.slots.values()], killGraceMs);
      this.releaseBudget?.();
      this.memoryWatch.stop();
      for (const slot of this.slots.values())
        if (!isTerminalNodeStatus(slot.status)) this.onNodeStatus(slot, 'cancelled', slot.attempt);
      this.edgeCounts.flush();
      this.endedAt = Date.now();
      this.setStatus(final);
      // Persisting the run is the host's job (engine/store/runStore.ts), not the runtime's.
      this.resolveDone(this.summary());
    })();
    return this.ending;
  }

  private setStatus(status: RunStatus): void {
    this.status = status;
    this.log.emit({
      kind: 'run-status',
      status,
      ...(this.error && status === 'failed' ? { error: this.error } : {}),
    });
  }

  /**
   * Drains: sources stop and end their streams, what is in flight goes through and every other node
   * ends as its inputs end; after `graceMs` whatever is left is stopped hard. The run ends cancelled.
   */
  async stop(graceMs = this.options.drainGraceMs ?? DRAIN_GRACE_MS): Promise<void> {
    if (!this.ending && !this.draining) {
      this.draining = true;
      if (this.status === 'paused') this.resume();
      for (const slot of this.slots.values()) {
        const isSource = !this.workflow.edges.some((e) => e.target === slot.node.id);
        if (isSource && !isTerminalNodeStatus(slot.status)) this.send(slot, { type: 'drain' });
      }
      this.drainTimer = setTimeout(() => void this.finish('cancelled'), graceMs);
      this.checkAllDone();
    }
    await this.done;
  }

  /**
   * Stops every node at once (also during Stop's drain): 300 ms for a node that honours its signal to
   * remove its temporary files, then its process is killed. Already stopping hard: killed now.
   */
  async abort(): Promise<void> {
    if (this.ending) for (const slot of this.slots.values()) if (!slot.exited) slot.proc?.kill('SIGKILL');
    await this.finish('cancelled', ABORT_GRACE_MS);
  }

  pause(): void {
    if (this.status !== 'running' || this.ending) return;
    for (const slot of this.slots.values()) this.send(slot, { type: 'pause' });
    this.setStatus('paused');
    // Nodes hold: no demand is granted and nothing is sent. They show it.
    for (const slot of this.slots.values()) if (slot.status === 'running') this.setLive(slot, 'paused');
  }

  resume(): void {
    if (this.status !== 'paused' || this.ending) return;
    for (const slot of this.slots.values()) this.send(slot, { type: 'resume' });
    this.setStatus('running');
    for (const slot of this.slots.values()) if (slot.status === 'paused') this.setLive(slot, 'running');
  }

  /** A status the host sets itself: `starting`, and `paused`/`running` around a pause. */
  private setLive(slot: NodeSlot, status: 'starting' | 'paused' | 'running'): void {
    slot.status = status;
    const attempt = slot.attempt ? { attempt: slot.attempt } : {};
    this.log.emit({ kind: 'node-status', nodeId: slot.node.id, status, ...attempt });
  }

  summary(): RunSummary {
    return buildSummary({
      runId: this.runId,
      workflowName: this.workflow.name,
      ...(this.options.workflowPath ? { workflowPath: this.options.workflowPath } : {}),
      status: this.status,
      startedAt: this.startedAt,
      ...(this.endedAt !== undefined ? { endedAt: this.endedAt } : {}),
      ...(this.error ? { error: this.error } : {}),
      nodes: [...this.slots.values()].map((s) => ({ id: s.node.id, ...s })),
    });
  }
}
