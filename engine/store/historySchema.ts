// The run history's tables, as numbered migrations: a database records the last one it took in
// `PRAGMA user_version`, and an older database is brought up to date when a host opens it. A
// migration is never edited once released; a change to the schema is a new migration.

import type Database from 'libsql';
import { writeTransaction } from './writeTransaction.js';

/** Migration n (1-based) is MIGRATIONS[n - 1]. */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE runs (
    id TEXT PRIMARY KEY,
    workflow_name TEXT NOT NULL,
    workflow_path TEXT,
    -- sha256 of the workflow JSON as it ran, and that JSON: what changed between two runs.
    workflow_hash TEXT,
    workflow_json TEXT,
    params_json TEXT,
    state TEXT NOT NULL,
    started_by TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    started_at INTEGER NOT NULL,
    ended_at INTEGER,
    error_json TEXT,
    failed_nodes_json TEXT,
    edge_counts_json TEXT,
    dropped_logs INTEGER NOT NULL DEFAULT 0,
    dropped_updates INTEGER NOT NULL DEFAULT 0,
    -- The host writing the run while it is live: who may be asked whether it still is.
    host_id TEXT,
    host_name TEXT,
    host_pid INTEGER,
    heartbeat_at INTEGER
  );
  CREATE INDEX runs_by_start ON runs (started_at DESC, id DESC);
  CREATE INDEX runs_by_workflow ON runs (workflow_name, started_at DESC);
  CREATE INDEX runs_by_state ON runs (state, started_at DESC);
  CREATE TABLE run_nodes (
    run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    node_id TEXT NOT NULL,
    state TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 1,
    started_at INTEGER,
    ended_at INTEGER,
    sent INTEGER NOT NULL DEFAULT 0,
    received INTEGER NOT NULL DEFAULT 0,
    error_json TEXT,
    PRIMARY KEY (run_id, node_id)
  );
  CREATE TABLE run_events (
    run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    time INTEGER NOT NULL,
    kind TEXT NOT NULL,
    node_id TEXT,
    event_json TEXT NOT NULL,
    PRIMARY KEY (run_id, seq)
  );
  CREATE INDEX run_logs ON run_events (run_id, kind, node_id, seq);
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  `,
  // 2: what a run's outputs recorded, written when it ends (outputRows.ts); runs from before have
  // outputs_recorded 0 and are listed from their folders.
  `
  ALTER TABLE runs ADD COLUMN outputs_recorded INTEGER NOT NULL DEFAULT 0;
  CREATE TABLE run_outputs (
    run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    node_id TEXT NOT NULL,
    port TEXT NOT NULL,
    kind TEXT NOT NULL,
    row_count INTEGER,
    columns_json TEXT,
    PRIMARY KEY (run_id, node_id, port)
  );
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/** The schema version a database records (libsql's `pragma` has no `simple` option). */
export function userVersion(db: Database.Database): number {
  return (db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version;
}

/** Brings the database to SCHEMA_VERSION; refuses one written by a newer Sluice. */
export function migrate(db: Database.Database, file: string): void {
  const version = userVersion(db);
  if (version > SCHEMA_VERSION) {
    throw new Error(
      `The run history ${file} is from a newer Sluice (schema ${version}, this one knows ${SCHEMA_VERSION}); it is left as it is`,
    );
  }
  for (let v = version; v < SCHEMA_VERSION; v++) {
    // Each migration and its version bump commit together: a crash leaves the previous version.
    writeTransaction(db, () => {
      db.exec(MIGRATIONS[v] as string);
      db.pragma(`user_version = ${v + 1}`);
    });
  }
}
