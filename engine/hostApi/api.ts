// The host API: everything the renderer asks of the process that owns runs and files.
// Two clients implement it (Electron preload bridge, WebSocket to `sluice serve`); both speak these
// messages. Pure types only.

import type { NodeTypeInfo } from '../model/nodeTypeInfo.js';
import type { Problem } from '../model/problem.js';
import type { ParamOverride } from '../model/paramOverrides.js';
import type { RunEvent, RunStatus, RunSummary } from '../model/run.js';
import type { Workflow } from '../model/workflow.js';
import type { DesktopHost } from './desktop.js';

export interface WorkflowFile {
  /** Path as the host names it: relative to the workspace in `sluice serve`, absolute in the app. */
  path: string;
  /** Exact file text, so open → save without edits gives identical bytes. */
  text: string;
}

export interface FileEntry {
  path: string;
  name: string;
  kind: 'file' | 'directory';
}

export interface TablePreview {
  columns: Array<{ name: string; type: string }>;
  /** Rows of the table, or for recorded stream values how many values went out. */
  rowCount: number;
  rows: Array<Record<string, unknown>>;
  /** `values`: a stream output's first values as the run recorded them, one row each. */
  kind?: 'table' | 'values';
}

/** nodeId → output port → type expression, worked out by the host before the run. */
export type InferredOutputTypes = Record<string, Record<string, string>>;

/** nodeId → param key → what the node worked out for that empty param (a CSV's sniffed quote). */
export type SuggestedParams = Record<string, Record<string, string>>;

/** An output a run recorded, which `run:preview` can show: a table, or a stream's first values. */
export interface RecordedOutput {
  nodeId: string;
  port: string;
  kind: 'table' | 'values';
  /** A table's rows, or how many values a stream sent (when the run recorded it). */
  rowCount?: number;
  /** A table's schema, when the run captured its preview. */
  columns?: Array<{ name: string; type: string }>;
}

/**
 * Workspace trust of a workflow's folder: outside a trusted folder a workflow opens in restricted mode
 * (checked structurally; no inference that reads files or runs SQL; no Run).
 */
export interface WorkspaceTrustState {
  trusted: boolean;
  /** The folder it is about: the workflow's own (the workspace for an unsaved one). */
  folder: string;
}

/** Request name → [params, result]. */
export interface HostMethods {
  'nodes:list': [Record<string, never>, NodeTypeInfo[]];
  'workflow:validate': [{ workflow: Workflow; path?: string }, Problem[]];
  /**
   * Output types that node types work out before the run (CSV sniffing, SQL DESCRIBE), for the
   * canvas's check; `problems`: the nodes whose inference failed (a missing file, a bad query).
   */
  'workflow:infer': [
    { workflow: Workflow; path?: string },
    {
      outputTypes: InferredOutputTypes;
      problems: Problem[];
      /** Shown as the defaults of those fields in the inspector. */
      suggestedParams: SuggestedParams;
      /** Set in restricted mode: only types that read nothing were worked out. */
      restricted?: WorkspaceTrustState;
    },
  ];
  'workflow:open': [{ path: string }, WorkflowFile];
  'workflow:save': [{ path: string; text: string }, { path: string }];
  'workflow:list': [{ dir?: string }, FileEntry[]];
  'workflow:delete': [{ path: string }, { ok: true }];
  'workflow:examples': [Record<string, never>, Array<{ name: string; description: string; path: string }>];
  /** Starts a run; its events go to the caller that started it, from the first one, after this answer. */
  'run:start': [
    {
      workflow: Workflow;
      path?: string;
      /** Parameter overrides for this run (as `sluice run --param`), applied before the check. */
      overrides?: ParamOverride[];
    },
    { runId: string },
  ];
  /** Whether the folder of the workflow at `path` is trusted. */
  'trust:get': [{ path?: string }, WorkspaceTrustState];
  /** Trusts the folder of the workflow at `path` (remembered for this user). */
  'trust:grant': [{ path?: string }, WorkspaceTrustState];
  /**
   * Drains (sources stop, in-flight items finish within a grace period, then the rest is killed);
   * answers when no node process of the run is left.
   */
  'run:stop': [{ runId: string }, { ok: true }];
  /** Kills at once, also while a Stop drains; answers when no node process is left. Ends `cancelled`. */
  'run:abort': [{ runId: string }, { ok: true }];
  'run:pause': [{ runId: string }, { ok: true }];
  'run:resume': [{ runId: string }, { ok: true }];
  /** Past and current runs, newest first; filtered by workflow name and state, paged with `before`. */
  'run:list': [RunListFilter, RunSummary[]];
  /** A run's log lines (of one node), after the event `afterSeq`, at most `limit` (default 1000). */
  'run:logs': [{ runId: string; nodeId?: string; afterSeq?: number; limit?: number }, LogEvent[]];
  /** A run with its events and (when the history has it) the workflow as it ran. */
  'run:get': [{ runId: string }, RunSummary & { events?: RunEvent[]; workflow?: Workflow }];
  /** The outputs a run recorded so far: tables, and the first values of streams (each can be previewed). */
  'run:outputs': [{ runId: string }, RecordedOutput[]];
  'run:preview': [{ runId: string; nodeId: string; port: string }, TablePreview];
  /**
   * Sends this caller the events of a run it did not start (or lost, after a reconnect): every event
   * the run has kept from the first one (or those after `afterSeq`), then the new ones until it ends.
   * `live: false`: the run has ended and nothing will come; `run:get` has its record.
   */
  'run:subscribe': [{ runId: string; afterSeq?: number }, { live: boolean }];
  /** Stops sending this caller a run's events. */
  'run:unsubscribe': [{ runId: string }, { ok: true }];
}

/** `run:list`'s filter: every field optional. */
export interface RunListFilter {
  workflow?: string;
  status?: RunStatus;
  /** Only runs started at or after this (ms since the epoch). */
  since?: number;
  /** The last run of the previous page: runs started before it (its id breaking ties). */
  before?: { startedAt: number; runId: string };
  limit?: number;
}

/** A log line event of a run. */
export type LogEvent = Extract<RunEvent, { kind: 'log' }>;

export type HostMethod = keyof HostMethods;
export type HostParams<M extends HostMethod> = HostMethods[M][0];
export type HostResult<M extends HostMethod> = HostMethods[M][1];

/** Wire messages (WebSocket JSON and Electron IPC alike). */
export interface HostRequest<M extends HostMethod = HostMethod> {
  id: number;
  method: M;
  params: HostParams<M>;
}
export type HostResponse =
  { id: number; result: unknown } | { id: number; error: { message: string; problems?: Problem[] } };
/**
 * Pushed by the host: a batch of events of one run that this client started or subscribed to (a few
 * dozen batches a second at most). The first batch of a run this client started comes after the
 * answer to its `run:start`.
 */
export interface HostEventMessage {
  event: 'run-events';
  runId: string;
  events: RunEvent[];
}

/** What the renderer holds: one object, whichever transport is behind it. */
export interface HostClient {
  call<M extends HostMethod>(method: M, params: HostParams<M>): Promise<HostResult<M>>;
  /** Receives event batches of every run started or watched by this client. Returns unsubscribe. */
  onRunEvents(listener: (runId: string, events: RunEvent[]) => void): () => void;
  /** Which host this is, for the UI (e.g. file dialogs exist only in the app). */
  readonly kind: 'electron' | 'server';
  /** Present in the desktop app only: native file dialogs, menu commands, the unsaved-work flag. */
  readonly desktop?: DesktopHost;
}
