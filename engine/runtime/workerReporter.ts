// Throttles what a worker tells its host: edge counts, progress and log lines are coalesced and sent
// at most every TICK_MS (20 updates a second); log lines beyond a cap per tick are counted, not sent.
// Status messages are never throttled (they flush everything pending first).

import type { LogLevel } from '../model/run.js';
import type { ControlChannel } from './controlChannel.js';
import type { EdgeCountReport, WorkerToHost } from './protocol.js';

const TICK_MS = 50;
const MAX_LINES_PER_TICK = 100;

type ProgressUpdate = Omit<Extract<WorkerToHost, { type: 'progress' }>, 'type'>;

export class WorkerReporter {
  private lines: Array<{ level: LogLevel; message: string }> = [];
  private droppedLines = 0;
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
    if (this.lines.length < MAX_LINES_PER_TICK) this.lines.push({ level, message });
    else this.droppedLines++;
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
        message: `… ${this.droppedLines} log lines dropped (more than ${MAX_LINES_PER_TICK * (1000 / TICK_MS)}/s)`,
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
