// Opens the run history database: SQLite through libsql, in WAL mode so the app, `sluice run` and
// `sluice serve` can write the same file at once (each waits briefly for another's write to end).
// The file and its -wal/-shm companions are the user's alone (0600, in a 0700 folder).

import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import path from 'node:path';
import Database from 'libsql';
import { PRIVATE_FOLDER_MODE, PRIVATE_FILE_MODE } from '../files/atomicFile.js';
import { migrate } from './historySchema.js';

/** How long a write waits for another host's write before it fails. */
const BUSY_TIMEOUT_MS = 5000;

export type HistoryDb = Database.Database;

export function openHistoryDb(file: string): HistoryDb {
  mkdirSync(path.dirname(file), { recursive: true, mode: PRIVATE_FOLDER_MODE });
  // Created private before SQLite opens it: its -wal and -shm files take the database's mode.
  if (!existsSync(file)) closeSync(openSync(file, 'a', PRIVATE_FILE_MODE));
  const db = new Database(file);
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.pragma('journal_mode = WAL');
    // WAL makes each commit durable without a sync of the main file; NORMAL keeps it crash-safe.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db, file);
  } catch (err) {
    db.close();
    throw err;
  }
  for (const f of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(f)) chmodSync(f, PRIVATE_FILE_MODE);
  return db;
}
