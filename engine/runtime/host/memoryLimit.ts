// Per-node memory caps (policy.memoryLimitMb): V8's old-space limit through the worker's execArgv,
// and a resident-memory watch from the host (Linux: /proc/<pid>/status), which does not depend on
// the node's event loop. Over either, the node fails alone with "out of memory (limit N MB)".

import { readFileSync } from 'node:fs';
import os from 'node:os';

/** A quarter of the machine's memory, at most 4,096 MB (V8's own default on a large machine). */
export function defaultMemoryLimitMb(): number {
  return Math.max(256, Math.min(4096, Math.floor(os.totalmem() / 4 / 1024 / 1024)));
}

/**
 * The resident-memory cap for a heap cap: off-heap buffers and native modules count too, and so do
 * V8's young generation and code, and Node itself (about 50 MB), hence the fixed part.
 */
export function rssLimitMb(limitMb: number): number {
  return 2 * limitMb + 256;
}

export function memoryExecArgv(limitMb: number): string[] {
  return [`--max-old-space-size=${limitMb}`];
}

/** The process's resident memory in MB, or undefined where /proc is not there (or it is gone). */
export function residentMb(pid: number): number | undefined {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** What V8 writes to stderr when a heap limit is reached. */
export function isHeapOutOfMemory(stderrTail: string): boolean {
  return /heap out of memory|Reached heap limit|FATAL ERROR: .*Allocation failed/i.test(stderrTail);
}

export interface MemoryWatched {
  pid: number | undefined;
  limitMb: number;
  /** Called once when the process's resident memory is over its cap. */
  over(rssMb: number): void;
}

/** Looks at every watched process's resident memory every `intervalMs`. */
export class MemoryWatch {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly watched: () => Iterable<MemoryWatched>,
    private readonly intervalMs = 250,
  ) {}

  start(): void {
    if (process.platform !== 'linux') return;
    this.timer ??= setInterval(() => this.check(), this.intervalMs);
    this.timer.unref();
  }

  private check(): void {
    for (const w of this.watched()) {
      if (w.pid === undefined) continue;
      const rss = residentMb(w.pid);
      if (rss !== undefined && rss > rssLimitMb(w.limitMb)) w.over(rss);
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}

/** Why a node process ended, for its error: out of memory when it was, else the signal or code. */
export function describeExit(e: {
  code: number | null;
  signal: string | null;
  limitMb: number;
  /** Resident memory when the watch killed it. */
  rssMb?: number;
  /** The end of what the process wrote to stdout and stderr. */
  output: string;
}): string {
  if (e.rssMb !== undefined)
    return `out of memory (limit ${e.limitMb} MB): its resident memory reached ${Math.round(e.rssMb)} MB`;
  if (isHeapOutOfMemory(e.output)) return `out of memory (limit ${e.limitMb} MB)`;
  return e.signal ? `its process was killed by signal ${e.signal}` : `its process exited with code ${e.code}`;
}
