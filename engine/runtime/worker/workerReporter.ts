// Throttles what a worker tells its host: edge counts, progress and log lines are coalesced and sent
// at most every TICK_MS (20 updates a second). Log lines pass through a token bucket: a burst of up to
// LOG_BURST lines goes through whole, a sustained flood is held to LOG_RATE lines a second and the rest
// are counted, not sent (one "… N log lines dropped" line says so). Status messages are never
// throttled (they flush everything pending first).

import type { LogLevel } from '../../model/run.js';
import type { ControlChannel } from './controlChannel.js';
import type { EdgeCountReport, WorkerToHost } from '../common/protocol.js';

const TICK_MS = 50;
/** Lines a second a node may send to the host over time, and how many may come at once. */
export const LOG_RATE = 2000;
export const LOG_BURST = 2000;

type ProgressUpdate = Omit<Extract<WorkerToHost, { type: 'progress' }>, 'type'>;

export class WorkerReporter {
  private lines: Array<{ level: LogLevel; message: string }> = [];
  private droppedLines = 0;
  private tokens = LOG_BURST;
  private refilledAt = Date.now();
  private progress: ProgressUpdate | undefined;
  private lastCounts = new Map<string, string>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly channel: ControlChannel,
    private readonly counts: () => EdgeCountReport[],
  ) {}

  start(): void {
    this.timer ??= setInterval(() => this.flush(), TICK_MS);
    this.timer.unref();
  }

  log(level: LogLevel, message: string): void {
    if (this.tokens < 1) this.refill();
    if (this.tokens >= 1) {
      this.tokens--;
      this.lines.push({ level, message });
    } else this.droppedLines++;
  }

  private refill(): void {
    const now = Date.now();
    this.tokens = Math.min(LOG_BURST, this.tokens + ((now - this.refilledAt) * LOG_RATE) / 1000);
    this.refilledAt = now;
  }

  setProgress(update: ProgressUpdate): void {
    this.progress = update;
  }

  send(message: WorkerToHost): void {
    this.flush();
    this.channel.send(message);
  }

  flush(): void {
    if (this.droppedLines > 0) {
      this.lines.push({
        level: 'warn',
        message: `… ${this.droppedLines} log line${this.droppedLines === 1 ? '' : 's'} dropped (more than ${LOG_RATE} a second)`,
      });
      this.droppedLines = 0;
    }
    if (this.lines.length > 0) {
      this.channel.send({ type: 'logs', lines: this.lines });
      this.lines = [];
    }
    if (this.progress) {
      this.channel.send({ type: 'progress', ...this.progress });
      this.progress = undefined;
    }
    const changed: EdgeCountReport[] = [];
    for (const c of this.counts()) {
      const key = `${c.sent ?? ''}/${c.received ?? ''}/${c.full ?? ''}`;
      if (this.lastCounts.get(c.edgeId) === key) continue;
      this.lastCounts.set(c.edgeId, key);
      changed.push(c);
    }
    if (changed.length > 0) this.channel.send({ type: 'counts', edges: changed });
  }

  stop(): void {
    this.flush();
    if (this.timer) clearInterval(this.timer);
  }
}
