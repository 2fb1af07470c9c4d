// A value on a `table{…}` port: ONE message that says where the rows are, never the rows themselves.
// Either a file DuckDB reads directly, or a deferred query over other refs that the next SQL node
// composes into its own (KNIME-style lazy SQL). Pure: no Node.js, no DuckDB — only SQL text.

/** A column as a table ref carries it: its name, its Sluice type and DuckDB's own type name. */
export interface TableColumn {
  name: string;
  /** Sluice scalar type: integer, number, string, boolean, date, timestamp, json. */
  type: string;
  /** DuckDB's type name (BIGINT, DECIMAL(4,2) …), used when a stand-in relation is built. */
  dbType: string;
}

export interface CsvReadOptions {
  header: boolean;
  /** A single character; DuckDB sniffs it when absent. */
  delimiter?: string;
  /** Column types fixed at read time, so the deferred read has the schema that was checked. */
  columnTypes?: Record<string, string>;
  /**
   * The dialect DuckDB sniffed once: with it (and the column types) later reads skip sniffing
   * (`auto_detect=false`) and read exactly what was checked.
   */
  dialect?: CsvDialect;
  /** What the user set (each wins over the sniffer); unset: sniffed, or DuckDB's default. */
  quote?: string;
  escape?: string;
  comment?: string;
  dateFormat?: string;
  timestampFormat?: string;
  /** `.` or `,`. */
  decimalSeparator?: string;
  /** Digit-group separator in numbers (DuckDB's `thousands`); none when absent. */
  thousandsSeparator?: string;
  /** The text that reads as NULL (DuckDB's `nullstr`). */
  nullString?: string;
  /** `utf-8` (the default), `utf-16` or `latin-1`. */
  encoding?: string;
  /** Rows must follow the dialect exactly (DuckDB's `strict_mode`); on unless set to false. */
  strict?: boolean;
}

export interface CsvDialect {
  quote: string;
  escape: string;
  /** As DuckDB writes it, e.g. `\n` (backslash, n). */
  newLine: string;
  comment: string;
  skip: number;
  dateFormat?: string;
  timestampFormat?: string;
}

export type TableSource =
  | { kind: 'csv'; path: string; options: CsvReadOptions }
  | { kind: 'parquet'; path: string }
  | { kind: 'json'; path: string; format: 'auto' | 'newline_delimited' | 'array' }
  /** `sql` reads the tables named in `inputs`; composed as CTEs of those names. */
  | { kind: 'query'; sql: string; inputs: Record<string, TableRef> };

export interface TableRef {
  /** Marks the message as a table reference (and its format version). */
  sluiceTable: 1;
  source: TableSource;
  columns: TableColumn[];
  /**
   * The node that made this ref (set when it is first sent): a failure found where the composed
   * query runs is checked fragment by fragment and blamed on this node.
   */
  node?: string;
  /** The output port of `node` it was sent on (where its preview is recorded). */
  port?: string;
}

export function isTableRef(value: unknown): value is TableRef {
  if (!value || typeof value !== 'object') return false;
  const v = value as Partial<TableRef>;
  return v.sluiceTable === 1 && !!v.source && typeof v.source === 'object' && Array.isArray(v.columns);
}

/** A SQL identifier, always quoted so any column or port name works. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** A SQL string literal. */
export function quoteLiteral(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** Removes trailing semicolons and whitespace, so a user's statement can sit inside a subquery. */
export function trimStatement(sql: string): string {
  return sql.replace(/[\s;]+$/u, '');
}

/**
 * Read buffer of a pinned CSV read, in place of DuckDB's 32 MB: node processes are fresh, so every
 * buffer page is touched for the first time (a page fault), and 8 MiB buffers read as fast with a
 * fraction of the faults. Stays well above DuckDB's 2 MB maximum line size, which a buffer must hold.
 */
export const CSV_BUFFER_BYTES = 8 * 1024 * 1024;

/** The dialect options the user set, for a read (or a sniff) that still detects the rest. */
export function csvDialectArgs(o: CsvReadOptions): string[] {
  const args: string[] = [];
  if (o.quote !== undefined) args.push(`quote=${quoteLiteral(o.quote)}`);
  if (o.escape !== undefined) args.push(`escape=${quoteLiteral(o.escape)}`);
  if (o.comment !== undefined) args.push(`comment=${quoteLiteral(o.comment)}`);
  if (o.dateFormat) args.push(`dateformat=${quoteLiteral(o.dateFormat)}`);
  if (o.timestampFormat) args.push(`timestampformat=${quoteLiteral(o.timestampFormat)}`);
  return args;
}

/** Options every read (and sniff) of the file takes: how values and bytes are decoded, strictness. */
export function csvReadArgs(o: CsvReadOptions): string[] {
  const args: string[] = [];
  if (o.decimalSeparator && o.decimalSeparator !== '.')
    args.push(`decimal_separator=${quoteLiteral(o.decimalSeparator)}`);
  if (o.thousandsSeparator) args.push(`thousands=${quoteLiteral(o.thousandsSeparator)}`);
  if (o.nullString !== undefined && o.nullString !== '') args.push(`nullstr=${quoteLiteral(o.nullString)}`);
  if (o.encoding && o.encoding !== 'utf-8') args.push(`encoding=${quoteLiteral(o.encoding)}`);
  // Never `ignore_errors`: a row that does not fit fails the read rather than vanish.
  args.push(`strict_mode=${o.strict === false ? 'false' : 'true'}`);
  return args;
}

/** SQL that reads one file source as a relation (table function call). */
function fileRelation(source: Exclude<TableSource, { kind: 'query' }>): string {
  switch (source.kind) {
    case 'csv': {
      const o = source.options;
      const args = [quoteLiteral(source.path), `header=${o.header ? 'true' : 'false'}`];
      if (o.delimiter) args.push(`delim=${quoteLiteral(o.delimiter)}`);
      const d = o.dialect;
      if (d && o.delimiter && o.columnTypes) {
        args.push(
          'auto_detect=false',
          `quote=${quoteLiteral(d.quote)}`,
          `escape=${quoteLiteral(d.escape)}`,
          `new_line=${quoteLiteral(d.newLine)}`,
          `comment=${quoteLiteral(d.comment)}`,
          `skip=${Math.max(0, Math.floor(d.skip))}`,
          `buffer_size=${CSV_BUFFER_BYTES}`,
        );
        if (d.dateFormat) args.push(`dateformat=${quoteLiteral(d.dateFormat)}`);
        if (d.timestampFormat) args.push(`timestampformat=${quoteLiteral(d.timestampFormat)}`);
      } else args.push(...csvDialectArgs(o));
      args.push(...csvReadArgs(o));
      if (o.columnTypes && Object.keys(o.columnTypes).length > 0) {
        const cols = Object.entries(o.columnTypes)
          .map(([name, type]) => `${quoteLiteral(name)}: ${quoteLiteral(type)}`)
          .join(', ');
        args.push(`columns={${cols}}`);
      }
      return `read_csv(${args.join(', ')})`;
    }
    case 'parquet':
      return `read_parquet(${quoteLiteral(source.path)})`;
    case 'json':
      return `read_json(${quoteLiteral(source.path)}, format=${quoteLiteral(source.format)})`;
  }
}

/**
 * A SELECT statement that yields the rows of `ref`. A deferred query becomes
 * `WITH "a" AS (…), "b" AS (…) SELECT * FROM (user sql)`: each input composes recursively, and the
 * user's own statement stays intact inside a subquery (it may have its own WITH).
 */
export function selectSql(ref: TableRef): string {
  return composedSql(ref).sql;
}

/**
 * `selectSql` with where the ref's own SQL starts in it. The node's SQL always starts a line, so a
 * DuckDB caret (`LINE n`) maps back to a line and column of the text that node's user wrote.
 */
export function composedSql(ref: TableRef): { sql: string; ownStart: number } {
  const source = ref.source;
  if (source.kind !== 'query') return { sql: `SELECT * FROM ${fileRelation(source)}`, ownStart: 0 };
  const names = Object.keys(source.inputs);
  const own = trimStatement(source.sql);
  if (names.length === 0) return { sql: own, ownStart: 0 };
  const ctes = names.map((name) => `${quoteIdent(name)} AS (${selectSql(source.inputs[name]!)})`);
  const prefix = `WITH ${ctes.join(', ')} SELECT * FROM (\n`;
  return { sql: `${prefix}${own}\n) AS ${quoteIdent('sluice_q')}`, ownStart: prefix.length };
}

/** A relation usable after FROM: a table function for files, a parenthesized query otherwise. */
export function relationSql(ref: TableRef): string {
  return ref.source.kind === 'query' ? `(${selectSql(ref)})` : fileRelation(ref.source);
}

/** A deferred query over named input refs. */
export function queryRef(sql: string, inputs: Record<string, TableRef>, columns: TableColumn[]): TableRef {
  return { sluiceTable: 1, source: { kind: 'query', sql, inputs }, columns };
}

export function fileRef(source: Exclude<TableSource, { kind: 'query' }>, columns: TableColumn[]): TableRef {
  return { sluiceTable: 1, source, columns };
}

/** Files a ref reads, depth first (for messages and for checks that they still exist). */
export function refFiles(ref: TableRef): string[] {
  const source = ref.source;
  if (source.kind !== 'query') return [source.path];
  return Object.values(source.inputs).flatMap(refFiles);
}

/** Number of query levels above the files: how much work executing the ref would compose. */
export function queryDepth(ref: TableRef): number {
  const source = ref.source;
  if (source.kind !== 'query') return 0;
  return 1 + Math.max(0, ...Object.values(source.inputs).map(queryDepth));
}

/** Maps a DuckDB type name to the Sluice scalar a port type shows. */
export function sluiceTypeOf(dbType: string): string {
  const t = dbType.toUpperCase();
  if (/^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT)$/.test(t)) {
    return 'integer';
  }
  if (/^(FLOAT|DOUBLE|REAL)$/.test(t) || t.startsWith('DECIMAL')) return 'number';
  if (t === 'VARCHAR' || t === 'UUID' || t.startsWith('ENUM')) return 'string';
  if (t === 'BOOLEAN') return 'boolean';
  if (t === 'DATE') return 'date';
  if (t.startsWith('TIMESTAMP')) return 'timestamp';
  return 'json';
}

/** The DuckDB type used for a Sluice column type when only the port type is known. */
export function dbTypeOf(sluiceType: string): string {
  switch (sluiceType) {
    case 'integer':
      return 'BIGINT';
    case 'number':
      return 'DOUBLE';
    case 'boolean':
      return 'BOOLEAN';
    case 'date':
      return 'DATE';
    case 'timestamp':
      return 'TIMESTAMP';
    case 'json':
      return 'JSON';
    default:
      return 'VARCHAR';
  }
}

/**
 * An empty relation with the given columns: stands in for an upstream table whose rows do not exist
 * yet, so a query over it can be DESCRIBEd while a workflow is checked.
 */
export function standInRef(columns: TableColumn[]): TableRef {
  const select =
    columns.length === 0
      ? 'SELECT 1 AS "sluice_empty" WHERE false'
      : `SELECT ${columns.map((c) => `NULL::${c.dbType} AS ${quoteIdent(c.name)}`).join(', ')} WHERE false`;
  return queryRef(select, {}, columns);
}
