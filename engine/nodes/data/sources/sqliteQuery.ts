// sqlite.query: rows of a SQLite query (read with libsql), written once to Parquet in the run folder.
import { defineNode } from '../../../sdk/index.js';
import { rowsToTable, type RowColumn } from '../lib/rowsTable.js';
import { sendTable } from '../lib/tableIo.js';

interface SqliteQueryParams {
  path: string;
  sql: string;
}

/** DuckDB type for a SQLite declared type (by SQLite's affinity rules); undefined: infer from values. */
export function dbTypeOfSqlite(declared: string | null): string | undefined {
  if (!declared) return undefined;
  const t = declared.toUpperCase();
  if (t.includes('INT')) return 'BIGINT';
  if (t.includes('CHAR') || t.includes('CLOB') || t.includes('TEXT')) return 'VARCHAR';
  if (
    t.includes('REAL') ||
    t.includes('FLOA') ||
    t.includes('DOUB') ||
    t.includes('NUMERIC') ||
    t.includes('DECIMAL')
  )
    return 'DOUBLE';
  if (t === 'DATE') return 'DATE';
  if (t.startsWith('DATETIME') || t.startsWith('TIMESTAMP')) return 'TIMESTAMP';
  if (t.startsWith('BOOL')) return 'BOOLEAN';
  return undefined;
}

const BATCH = 5_000;

export default defineNode<SqliteQueryParams>({
  type: 'sqlite.query',
  title: 'SQLite query',
  category: 'Sources',
  description: 'Runs a query on a SQLite database file and outputs its rows as a table.',
  inputs: [],
  outputs: [{ name: 'table', type: 'table' }],
  params: [
    {
      key: 'path',
      kind: 'path',
      mode: 'open',
      extensions: ['db', 'sqlite', 'sqlite3'],
      required: true,
      label: 'Database file',
    },
    { key: 'sql', kind: 'code', language: 'sql', required: true, label: 'SQL' },
  ],
  preload: ['@duckdb/node-api'],
  async run(ctx) {
    const { default: Database } = await import('libsql');
    const file = ctx.resolvePath(ctx.params.path);
    let db;
    try {
      db = new Database(file, { readonly: true, fileMustExist: true });
    } catch (err) {
      throw new Error(
        `Node "${ctx.nodeId}": cannot open SQLite database ${file}: ${(err as Error).message}`,
        { cause: err },
      );
    }
    try {
      let stmt;
      try {
        stmt = db.prepare(ctx.params.sql).raw(true);
      } catch (err) {
        throw new Error(`Node "${ctx.nodeId}": SQLite ${file}: ${(err as Error).message}`, { cause: err });
      }
      const declared = stmt.columns();
      // With every type declared, values are cast exactly; otherwise DuckDB infers from the values.
      const typed = declared.every((c) => dbTypeOfSqlite(c.type));
      const columns: RowColumn[] = declared.map((c) => ({
        name: c.name,
        ...(typed ? { dbType: dbTypeOfSqlite(c.type)! } : {}),
      }));
      const iterator = stmt.iterate() as IterableIterator<unknown[]>;
      async function* batches(): AsyncGenerator<unknown[][]> {
        let batch: unknown[][] = [];
        for (const row of iterator) {
          batch.push(row.map((v) => (typeof v === 'bigint' ? v.toString() : v)));
          if (batch.length >= BATCH) {
            yield batch;
            batch = [];
          }
        }
        if (batch.length) yield batch;
      }
      const ref = await rowsToTable(ctx, 'table', columns, batches());
      await sendTable(ctx, 'table', ref);
    } finally {
      db.close();
    }
  },
});
