// Runs whose host died: a host that stops mid-run (kill -9, a crash, a power cut) leaves its runs
// "running" in the database. Another host marks such a run failed ("host stopped") once it can tell
// the writer is gone — its process is no longer alive on this machine, or it has not written for
// STALE_MS (another machine sharing the file, a reused pid) — and never while the writer lives: a
// live host touches its runs every HEARTBEAT_MS.

import os from 'node:os';
import { TERMINAL_RUN_STATUSES } from '../model/run.js';
import type { HistoryDb } from './historyDb.js';
import { writeTransaction } from './writeTransaction.js';
import type { HostIdentity } from './runRows.js';

export const HEARTBEAT_MS = 5000;
const STALE_MS = 6 * HEARTBEAT_MS;

export const HOST_STOPPED = 'The host stopped before this run ended (host stopped)';

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: alive, someone else's.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

interface LiveRow {
  id: string;
  host_id: string | null;
  host_name: string | null;
  host_pid: number | null;
  heartbeat_at: number | null;
}

/** Marks failed the unfinished runs whose host is gone; returns their ids. */
export function failRunsOfDeadHosts(db: HistoryDb, self: HostIdentity, now = Date.now()): string[] {
  const terminal = TERMINAL_RUN_STATUSES.map(() => '?').join(',');
  const rows = db
    .prepare(
      `SELECT id, host_id, host_name, host_pid, heartbeat_at FROM runs WHERE state NOT IN (${terminal})`,
    )
    .all(...TERMINAL_RUN_STATUSES) as LiveRow[];
  const dead = rows.filter((r) => {
    if (r.host_id === self.id) return false;
    if (r.host_name === os.hostname() && r.host_pid !== null && !processAlive(r.host_pid)) return true;
    // Silent for long: another machine's host that died, or a pid this machine has reused since.
    return r.heartbeat_at === null || now - r.heartbeat_at > STALE_MS;
  });
  if (dead.length === 0) return [];
  const fail = db.prepare(
    `UPDATE runs SET state = 'failed', ended_at = COALESCE(ended_at, heartbeat_at, ?), error_json = ?
     WHERE id = ? AND state NOT IN (${terminal})`,
  );
  const error = JSON.stringify({ message: HOST_STOPPED });
  writeTransaction(db, () => {
    for (const r of dead) fail.run(now, error, r.id, ...TERMINAL_RUN_STATUSES);
  });
  return dead.map((r) => r.id);
}
