// One write transaction on the history database, nestable (libsql's own `transaction` is not).

import type Database from 'libsql';

/**
 * Runs `fn` in one write transaction (BEGIN IMMEDIATE: it waits for another host's write up front
 * rather than fail half-way), or inside the one already open.
 */
export function writeTransaction<T>(db: Database.Database, fn: () => T): T {
  if (db.inTransaction) return fn();
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = fn();
    db.exec('COMMIT');
    return result;
  } catch (err) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw err;
  }
}
