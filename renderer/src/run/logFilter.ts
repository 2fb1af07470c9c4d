// Which log lines the Logs tab shows: by node and by minimum level. Pure, for the panel and tests.
import type { LogLevel } from '../../../engine/model/run.js';
import type { LogLine } from './runState.js';

export const LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

export interface LogFilter {
  /** '' for every node; '-' for lines of the run itself (no node). */
  nodeId: string;
  minLevel: LogLevel;
}

export function filterLogs(lines: readonly LogLine[], filter: LogFilter): readonly LogLine[] {
  const min = LEVELS.indexOf(filter.minLevel);
  if (filter.nodeId === '' && min <= 0) return lines;
  return lines.filter(
    (l) =>
      LEVELS.indexOf(l.level) >= min &&
      (filter.nodeId === '' || (filter.nodeId === '-' ? l.nodeId === undefined : l.nodeId === filter.nodeId)),
  );
}

/** 14:03:07.250 in local time. */
export function formatClock(time: number): string {
  const d = new Date(time);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}.${String(d.getMilliseconds()).padStart(3, '0')}`;
}
