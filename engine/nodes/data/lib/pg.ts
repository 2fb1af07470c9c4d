// PostgreSQL plumbing shared by postgres.query and postgres.write: a connected client whose errors
// name the server, and type mappings both ways.

import type pg from 'pg';
import { describePgError, type PgConfig } from './connections.js';

/** Connects (lazily importing `pg`); every value comes back as PostgreSQL's text form. */
export async function connectPg(nodeId: string, cfg: PgConfig): Promise<pg.Client> {
  const { default: pgModule } = await import('pg');
  const client = new pgModule.Client({
    ...cfg,
    connectionTimeoutMillis: 10_000,
    // Text in, cast by DuckDB: no precision lost on int8/numeric, no time zone games with dates.
    types: { getTypeParser: () => (value: string) => value },
  });
  try {
    await client.connect();
  } catch (err) {
    throw describePgError(nodeId, cfg, err);
  }
  return client;
}

/** DuckDB type for a PostgreSQL type OID (the common ones; everything else stays text). */
export function dbTypeOfPgOid(oid: number): string {
  switch (oid) {
    case 20:
    case 21:
    case 23:
    case 26:
      return 'BIGINT';
    case 700:
    case 701:
    case 1700:
      return 'DOUBLE';
    case 16:
      return 'BOOLEAN';
    case 1082:
      return 'DATE';
    case 1114:
      return 'TIMESTAMP';
    case 1184:
      return 'TIMESTAMPTZ';
    case 114:
    case 3802:
      return 'JSON';
    default:
      return 'VARCHAR';
  }
}

/** PostgreSQL column type for a Sluice column type (when a sink creates the table). */
export function pgTypeOf(sluiceType: string): string {
  switch (sluiceType) {
    case 'integer':
      return 'BIGINT';
    case 'number':
      return 'DOUBLE PRECISION';
    case 'boolean':
      return 'BOOLEAN';
    case 'date':
      return 'DATE';
    case 'timestamp':
      return 'TIMESTAMP';
    case 'json':
      return 'JSONB';
    default:
      return 'TEXT';
  }
}
