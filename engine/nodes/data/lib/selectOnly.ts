// A node's SQL must be exactly one SELECT (or WITH … SELECT): checked with DuckDB's own parser before
// the text is bound, described or run, so a `; COPY … TO '~/.bashrc'`, an ATTACH or an INSTALL never
// reaches DuckDB's executor — neither while a workflow is checked nor while it runs.

import type { DuckDBConnection } from '@duckdb/node-api';

/** Thrown for SQL that is not one SELECT; `what` (e.g. `SQL`) starts the message. */
export class NotOneSelectError extends Error {
  constructor(what: string, reason: string) {
    super(`${what}: ${reason}; only one SELECT statement (or WITH … SELECT) is allowed`);
    this.name = 'NotOneSelectError';
  }
}

/** The first keyword of a statement, for the message (`COPY`, `ATTACH` …). */
function leadingKeyword(sql: string): string {
  const text = sql.replace(/^(\s|--[^\n]*\n?|\/\*[\s\S]*?\*\/|;)+/u, '');
  return (/^[A-Za-z_]+/.exec(text)?.[0] ?? 'other').toUpperCase();
}

/**
 * Refuses `sql` unless DuckDB parses it as exactly one SELECT statement. Parsing only: nothing is
 * bound, no file is opened. A syntax error keeps DuckDB's message (with its caret position).
 */
export async function assertOneSelect(c: DuckDBConnection, sql: string, what: string): Promise<void> {
  if (sql.replace(/[\s;]+/gu, '') === '') throw new NotOneSelectError(what, 'the query is empty');
  // DuckDB's C API ends a statement at a NUL: what is checked and what runs must be the same text.
  if (sql.includes('\0')) throw new NotOneSelectError(what, 'the query contains a NUL character');
  // Throws DuckDB's parser error (with LINE/caret) for text that does not parse.
  const statements = await c.extractStatements(sql);
  if (statements.count !== 1) throw new NotOneSelectError(what, `found ${statements.count} statements`);
  // json_serialize_sql serializes SELECT statements only: its error means another statement type.
  const reader = await c.runAndReadAll('SELECT json_serialize_sql($1::VARCHAR) AS j', [sql]);
  const json = String(reader.getRowObjectsJson()[0]?.['j'] ?? '{}');
  const parsed = JSON.parse(json) as { error?: boolean; error_message?: string; statements?: unknown[] };
  if (parsed.error) {
    if (/Only SELECT statements/i.test(parsed.error_message ?? '')) {
      throw new NotOneSelectError(what, `found ${leadingKeyword(sql)}, which is not a SELECT`);
    }
    throw new NotOneSelectError(what, parsed.error_message ?? 'DuckDB could not read it');
  }
  const count = parsed.statements?.length ?? 0;
  if (count !== 1) throw new NotOneSelectError(what, `found ${count} statements`);
}
