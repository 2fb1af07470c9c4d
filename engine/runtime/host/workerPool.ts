// Pre-started node processes, so a run does not pay process start-up (and module loading: a
// profile names the heavy modules its workers import ahead of time, e.g. '@duckdb/node-api').
// Each worker serves one node of one run and then exits; the pool refills in the background.
// Idle workers are unref'd: the pool never keeps the host process alive.

import os from 'node:os';
import type { Launcher, WorkerProcess } from './contracts.js';
import { isWorkerMessage, type HostToWorker } from '../common/protocol.js';
import { defaultMemoryLimitMb, memoryExecArgv } from './memoryLimit.js';

/**
 * Starts a worker process and asks it to import `preload`, if any. With `prepare` (pooled workers,
 * which wait anyway) it also sets up what the modules are for, e.g. opens a DuckDB database, and
 * says `ready` when done, even with nothing to import.
 */
export function launchWorker(
  launcher: Launcher,
  entry: string,
  preload: readonly string[],
  prepare = false,
  execArgv: string[] = [],
): WorkerProcess {
  const proc = launcher.launch({ entry, execArgv });
  if (preload.length > 0 || prepare)
    proc.send({
      type: 'preload',
      modules: [...preload],
      ...(prepare ? { prepare } : {}),
    } satisfies HostToWorker);
  return proc;
}

/** A worker for one node: from the pool when it has the node's memory cap, else a new process. */
export function launchNodeProcess(o: {
  launcher: Launcher;
  entry: string;
  preload: readonly string[];
  memoryLimitMb: number;
  pool?: WorkerPool;
}): WorkerProcess {
  if (o.pool && o.pool.memoryLimitMb === o.memoryLimitMb) return o.pool.acquire(o.preload);
  return launchWorker(o.launcher, o.entry, o.preload, false, memoryExecArgv(o.memoryLimitMb));
}

export interface WorkerPoolOptions {
  launcher: Launcher;
  /** The worker entry (dist/engine/worker.js). */
  entry: string;
  /** Idle workers kept per preload profile; default max(2, available cores). */
  size?: number;
  /** Wait before refilling after workers are taken, so refills do not slow the run starting. */
  refillDelayMs?: number;
  /** The memory cap of pooled workers (defaultMemoryLimitMb()); nodes with another one get their own. */
  memoryLimitMb?: number;
}

interface Idle {
  proc: WorkerProcess;
  exited: boolean;
  /** Its modules are loaded and prepared. */
  ready: boolean;
}

export class WorkerPool {
  readonly size: number;
  private readonly idle = new Map<string, Idle[]>();
  private readonly refillTimers = new Map<string, NodeJS.Timeout>();
  private disposed = false;

  readonly memoryLimitMb: number;

  constructor(private readonly options: WorkerPoolOptions) {
    this.size = options.size ?? Math.max(2, os.availableParallelism());
    this.memoryLimitMb = options.memoryLimitMb ?? defaultMemoryLimitMb();
  }

  get entry(): string {
    return this.options.entry;
  }

  /** Starts idle workers for a profile up to `count` (the pool size by default). */
  warm(preload: readonly string[] = [], count = this.size): void {
    if (this.disposed) return;
    const key = profileKey(preload);
    const list = this.list(key);
    while (list.length < count) list.push(this.startIdle(preload));
  }

  idleCount(preload: readonly string[] = []): number {
    return this.list(profileKey(preload)).filter((w) => !w.exited).length;
  }

  /** Idle workers of this profile that have loaded and prepared their modules. */
  readyCount(preload: readonly string[] = []): number {
    return this.list(profileKey(preload)).filter((w) => !w.exited && w.ready).length;
  }

  /** A pre-started worker of this profile, or a newly launched one. The caller owns it from now. */
  acquire(preload: readonly string[] = []): WorkerProcess {
    const key = profileKey(preload);
    const list = this.list(key);
    let taken: WorkerProcess | undefined;
    while (list.length > 0 && !taken) {
      const w = list.shift() as Idle;
      if (!w.exited) taken = w.proc;
    }
    this.scheduleRefill(key, preload);
    if (taken) {
      taken.ref?.();
      return taken;
    }
    return launchWorker(this.options.launcher, this.options.entry, preload, false, this.execArgv());
  }

  private execArgv(): string[] {
    return memoryExecArgv(this.memoryLimitMb);
  }

  /** Kills every idle worker; later acquires still work but nothing is pre-started any more. */
  dispose(): void {
    this.disposed = true;
    for (const t of this.refillTimers.values()) clearTimeout(t);
    this.refillTimers.clear();
    for (const list of this.idle.values()) for (const w of list.splice(0)) w.proc.kill('SIGKILL');
  }

  private list(key: string): Idle[] {
    let list = this.idle.get(key);
    if (!list) this.idle.set(key, (list = []));
    return list;
  }

  private startIdle(preload: readonly string[]): Idle {
    const proc = launchWorker(this.options.launcher, this.options.entry, preload, true, this.execArgv());
    proc.unref?.();
    const idle: Idle = { proc, exited: false, ready: false };
    proc.onMessage((m) => {
      if (isWorkerMessage(m) && m.type === 'ready') idle.ready = true;
    });
    proc.onExit(() => {
      idle.exited = true;
    });
    return idle;
  }

  private scheduleRefill(key: string, preload: readonly string[]): void {
    if (this.disposed || this.refillTimers.has(key)) return;
    const timer = setTimeout(() => {
      this.refillTimers.delete(key);
      const list = this.list(key).filter((w) => !w.exited);
      this.idle.set(key, list);
      this.warm(preload);
    }, this.options.refillDelayMs ?? 500);
    timer.unref();
    this.refillTimers.set(key, timer);
  }
}

function profileKey(preload: readonly string[]): string {
  return [...preload].sort().join('\n');
}
