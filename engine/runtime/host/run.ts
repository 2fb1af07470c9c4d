// One run on the host: its node slots (one worker process each), the wiring of edges, worker reports
// turned into RunEvents, the failure policy, and stop, pause and resume. startRun (runController.ts)
// checks the workflow and creates it.

import type { InferenceSpares } from './inferenceSpares.js';
import type { EdgeCount, ErrorInfo, NodeStatus, RunEvent, RunStatus, RunSummary } from '../../model/run.js';
import { isTerminalNodeStatus } from '../../model/run.js';
import type { Workflow, WorkflowNode } from '../../model/workflow.js';
import { applyParamDefaults } from '../../model/params.js';
import type { RegisteredNode } from '../../nodes/registry.js';
import type { Launcher, RunHandle, StartRunOptions, WorkerProcess } from './contracts.js';
import { createChildLauncher } from './childLauncher.js';
import { toErrorInfo } from '../common/errors.js';
import { RunEventLog } from './eventLog.js';
import type { HostToWorker, NodeAssignment } from '../common/protocol.js';
import { isWorkerMessage } from '../common/protocol.js';
import { launchWorker, type WorkerPool } from './workerPool.js';
import { resolveWorkerEntry } from './workerEntry.js';

/** Channel capacity (messages) of an edge without its own `capacity`. */
export const DEFAULT_CAPACITY = 512;

export interface RunOptions extends StartRunOptions {
  launcher?: Launcher;
  pool?: WorkerPool;
  /** The worker entry; found next to this bundle or under dist/engine/ by default. */
  workerEntry?: string;
  /** Pre-started inference processes for the run's check (a long-lived host keeps one ready). */
  inferenceSpares?: InferenceSpares;
}

/** After a stop, how long nodes get to return before their processes are killed. */
const KILL_GRACE_MS = 1000;
const COUNTS_TICK_MS = 50;

interface NodeSlot {
  node: WorkflowNode;
  registered: RegisteredNode;
  proc: WorkerProcess | undefined;
  status: NodeStatus;
  attempt: number;
  socketPath: string | undefined;
  startedAt?: number;
  endedAt?: number;
  error?: ErrorInfo;
  exited: boolean;
  /** Listening for its inputs, or failed before that. */
  ready: boolean;
  exitWaiters: Array<() => void>;
}

export class Run {
  private readonly log: RunEventLog;
  private readonly slots = new Map<string, NodeSlot>();
  private readonly edgeCounts = new Map<string, EdgeCount>();
  private readonly dirtyEdges = new Set<string>();
  private countsTimer: NodeJS.Timeout | undefined;
  private status: RunStatus = 'ready';
  private error: ErrorInfo | undefined;
  private readonly startedAt = Date.now();
  private endedAt: number | undefined;
  private listening = 0;
  private ending: Promise<void> | undefined;
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
  ) {
    this.log = new RunEventLog(runId);
    for (const node of workflow.nodes) {
      const registered = options.registry.get(node.type) as RegisteredNode;
      this.slots.set(node.id, {
        node,
        registered,
        proc: undefined,
        status: 'pending',
        attempt: 0,
        socketPath: undefined,
        exited: false,
        ready: false,
        exitWaiters: [],
      });
    }
    for (const e of workflow.edges)
      this.edgeCounts.set(e.id, { edgeId: e.id, sent: 0, received: 0, full: false });
  }

  handle(): RunHandle {
    return {
      runId: this.runId,
      runDir: this.runDir,
      onEvent: (l: (e: RunEvent) => void) => this.log.subscribe(l),
      summary: () => this.summary(),
      stop: () => this.stop(),
      pause: () => this.pause(),
      resume: () => this.resume(),
      done: this.done,
    };
  }

  start(): void {
    this.setStatus('running');
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
    const launcher = this.options.launcher ?? createChildLauncher();
    // Launch everything first (forks proceed in parallel), then assign.
    for (const slot of this.slots.values()) {
      const preload = slot.registered.definition.preload ?? [];
      slot.proc = this.options.pool
        ? this.options.pool.acquire(preload)
        : launchWorker(launcher, entry, preload);
      const proc = slot.proc;
      proc.onMessage((m) => this.onWorkerMessage(slot, m));
      proc.onExit((code, signal) => this.onWorkerExit(slot, code, signal));
    }
    for (const slot of this.slots.values())
      this.send(slot, { type: 'assign', assignment: this.assignment(slot) });
  }

  private assignment(slot: NodeSlot): NodeAssignment {
    const { node, registered } = slot;
    const def = registered.definition;
    return {
      runId: this.runId,
      nodeId: node.id,
      type: node.type,
      ...(registered.modulePath ? { modulePath: registered.modulePath } : {}),
      params: applyParamDefaults(def, node.params),
      types: this.portTypes[node.id] ?? { inputs: {}, outputs: {} },
      inputs: this.workflow.edges
        .filter((e) => e.target === node.id)
        .map((e) => ({ edgeId: e.id, port: e.targetPort, capacity: e.capacity ?? DEFAULT_CAPACITY })),
      outputs: this.workflow.edges
        .filter((e) => e.source === node.id)
        .map((e) => ({ edgeId: e.id, port: e.sourcePort })),
      runDir: this.runDir,
      baseDir: this.options.baseDir,
      policy: node.policy ?? {},
      ...(this.shared.has(node.id) ? { inferred: this.shared.get(node.id) } : {}),
    };
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
        for (const r of m.edges) {
          const c = this.edgeCounts.get(r.edgeId);
          if (!c) continue;
          if (r.sent !== undefined) c.sent = Math.max(c.sent, r.sent);
          if (r.received !== undefined) c.received = Math.max(c.received, r.received);
          if (r.full !== undefined) c.full = r.full;
          this.dirtyEdges.add(r.edgeId);
        }
        this.countsTimer ??= setTimeout(() => this.flushCounts(), COUNTS_TICK_MS);
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
    for (const slot of this.slots.values()) {
      const targets: Record<string, string> = {};
      for (const e of this.workflow.edges) {
        const target = e.source === slot.node.id ? socketOf(e.target) : undefined;
        if (target) targets[e.id] = target;
      }
      this.send(slot, { type: 'start', targets });
    }
  }

  private flushCounts(): void {
    if (this.countsTimer) clearTimeout(this.countsTimer);
    this.countsTimer = undefined;
    if (this.dirtyEdges.size === 0) return;
    const counts = [...this.dirtyEdges].map((id) => ({ ...(this.edgeCounts.get(id) as EdgeCount) }));
    this.dirtyEdges.clear();
    this.log.emit({ kind: 'edge-counts', counts });
  }

  private onNodeStatus(
    slot: NodeSlot,
    status: Exclude<NodeStatus, 'pending'>,
    attempt: number,
    error?: ErrorInfo,
  ): void {
    if (isTerminalNodeStatus(slot.status)) return;
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
    this.flushCounts();
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
    const how = signal ? `was killed by signal ${signal}` : `exited with code ${code}`;
    this.onNodeStatus(slot, 'failed', slot.attempt, {
      message: `${this.describe(slot)}: its process ${how}`,
    });
  }

  private checkAllDone(): void {
    if (this.ending) return;
    for (const slot of this.slots.values()) if (!isTerminalNodeStatus(slot.status)) return;
    void this.finish('completed');
  }

  /** Stops what is still running, waits for every process, then emits the final status. */
  private finish(final: RunStatus): Promise<void> {
    this.ending ??= (async () => {
      for (const slot of this.slots.values())
        if (!isTerminalNodeStatus(slot.status)) this.send(slot, { type: 'stop' });
      await this.waitForExits();
      for (const slot of this.slots.values())
        if (!isTerminalNodeStatus(slot.status)) this.onNodeStatus(slot, 'cancelled', slot.attempt);
      this.flushCounts();
      this.endedAt = Date.now();
      this.setStatus(final);
      // Persisting the run is the host's job (engine/store/runStore.ts), not the runtime's.
      this.resolveDone(this.summary());
    })();
    return this.ending;
  }

  private async waitForExits(): Promise<void> {
    const all = [...this.slots.values()].filter((s) => s.proc && !s.exited);
    if (all.length === 0) return;
    const exited = Promise.all(
      all.map((s) => new Promise<void>((r) => (s.exited ? r() : s.exitWaiters.push(r)))),
    );
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((r) => (timer = setTimeout(r, KILL_GRACE_MS)));
    await Promise.race([exited, grace]);
    clearTimeout(timer);
    for (const s of all) if (!s.exited) s.proc?.kill('SIGKILL');
    await exited;
  }

  private setStatus(status: RunStatus): void {
    this.status = status;
    this.log.emit({
      kind: 'run-status',
      status,
      ...(this.error && status === 'failed' ? { error: this.error } : {}),
    });
  }

  async stop(): Promise<void> {
    await this.finish('cancelled');
  }

  pause(): void {
    if (this.status !== 'running' || this.ending) return;
    for (const slot of this.slots.values()) this.send(slot, { type: 'pause' });
    this.setStatus('paused');
  }

  resume(): void {
    if (this.status !== 'paused' || this.ending) return;
    for (const slot of this.slots.values()) this.send(slot, { type: 'resume' });
    this.setStatus('running');
  }

  summary(): RunSummary {
    const nodes: RunSummary['nodes'] = {};
    for (const s of this.slots.values()) {
      nodes[s.node.id] = {
        status: s.status,
        ...(s.startedAt !== undefined ? { startedAt: s.startedAt } : {}),
        ...(s.endedAt !== undefined ? { endedAt: s.endedAt } : {}),
        ...(s.error ? { error: s.error } : {}),
      };
    }
    return {
      runId: this.runId,
      workflowName: this.workflow.name,
      ...(this.options.workflowPath ? { workflowPath: this.options.workflowPath } : {}),
      status: this.status,
      startedAt: this.startedAt,
      ...(this.endedAt !== undefined ? { endedAt: this.endedAt } : {}),
      nodes,
      ...(this.error ? { error: this.error } : {}),
    };
  }
}
