// Run folders from before the history database (`<runsDir>/<runId>/run.json` + `events.ndjson`) are
// imported once, the first time a host opens the database beside them; the folders stay (they hold
// the runs' tables and previews). A folder that cannot be read is skipped with a warning.

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isTerminalRunStatus, type RunEvent, type RunSummary } from '../model/run.js';
import { HOST_STOPPED } from './deadHosts.js';
import type { HistoryDb } from './historyDb.js';
import { writeTransaction } from './writeTransaction.js';
import { insertEvents, insertRun, updateRun, type StoredRun } from './runRows.js';

export const LEGACY_SUMMARY_FILE = 'run.json';
export const LEGACY_EVENTS_FILE = 'events.ndjson';
const IMPORTED = 'run-folders-imported';

function isRunSummary(value: unknown, runId: string): value is StoredRun {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    v.runId === runId &&
    typeof v.status === 'string' &&
    typeof v.startedAt === 'number' &&
    typeof v.workflowName === 'string' &&
    typeof v.nodes === 'object' &&
    v.nodes !== null
  );
}

function readEvents(file: string): RunEvent[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  const events: RunEvent[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      events.push(JSON.parse(line) as RunEvent);
    } catch {
      // A line cut short by a crash: the rest of the log is still worth keeping.
    }
  }
  return events;
}

/** Imports the run folders of `runsDir` unless that was done before; returns how many. */
export function importRunFolders(
  db: HistoryDb,
  runsDir: string,
  isValidRunId: (id: string) => boolean,
  warn: (message: string) => void,
): number {
  if (db.prepare('SELECT 1 FROM meta WHERE key = ?').get(IMPORTED)) return 0;
  let names: string[] = [];
  try {
    names = readdirSync(runsDir, { withFileTypes: true })
      .filter((e) => e.isDirectory() && isValidRunId(e.name))
      .map((e) => e.name);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const known = db.prepare('SELECT 1 FROM runs WHERE id = ?');
  let imported = 0;
  writeTransaction(db, () => {
    for (const runId of names) {
      if (known.get(runId)) continue;
      const file = path.join(runsDir, runId, LEGACY_SUMMARY_FILE);
      let run: unknown;
      try {
        run = JSON.parse(readFileSync(file, 'utf8'));
      } catch (err) {
        // A folder without run.json: a run that never got going; not worth a warning.
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT')
          warn(`Skipping run history ${file}: ${(err as Error).message}`);
        continue;
      }
      if (!isRunSummary(run, runId)) {
        warn(`Skipping run history ${file}: it is not a run summary of run ${runId}`);
        continue;
      }
      const summary: RunSummary = isTerminalRunStatus(run.status)
        ? run
        : { ...run, status: 'failed', error: { message: HOST_STOPPED } };
      insertRun(db, summary, { startedBy: 'import' }, null);
      updateRun(db, { summary, edgeCounts: [] }, undefined, false);
      insertEvents(db, readEvents(path.join(runsDir, runId, LEGACY_EVENTS_FILE)));
      imported++;
    }
    db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run(IMPORTED, String(Date.now()));
  });
  return imported;
}
