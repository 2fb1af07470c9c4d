// Shared by the file sources (CSV, Parquet, JSON): a ref to the file with its schema, found by
// DuckDB's sniffing, both before the run (inferOutputs) and at run time.

import { open, realpath, stat } from 'node:fs/promises';
import { constants, type Stats } from 'node:fs';
import path from 'node:path';
import { describe, execute, mayRead, withConnection } from '../lib/duck.js';
import type { DuckDBConnection } from '@duckdb/node-api';
import { describeDuckError } from '../lib/errors.js';
import {
  fileRef,
  isTableRef,
  quoteLiteral,
  selectSql,
  type CsvDialect,
  type TableRef,
  type TableSource,
} from '../lib/tableRef.js';
import { tableTypeOf } from '../lib/tableType.js';

export type FileSource = Exclude<TableSource, { kind: 'query' }>;

/** Resolves the schema of a file source; errors name the node and the file. */
export async function fileTable(nodeId: string, source: FileSource, signal?: AbortSignal): Promise<TableRef> {
  await requireRegularFile(nodeId, source.path);
  if (source.kind === 'csv' && !source.options.delimiter) {
    const delimiter = await guessDelimiter(source.path);
    if (delimiter) source = { ...source, options: { ...source.options, delimiter } };
  }
  try {
    return await withConnection(async (c) => {
      let target: FileSource = source;
      if (source.kind === 'csv') {
        try {
          // Sniff once, then pin dialect and column types: the deferred read then has exactly the
          // schema that was checked, and later reads (downstream DESCRIBE, the executing query)
          // skip sniffing.
          const sniffed = await sniffCsv(c, source);
          target = { ...source, options: { ...source.options, ...sniffed } };
        } catch (err) {
          // The sniffer gives up on a broken row inside its sample without saying where: find it.
          if (/Error when sniffing file/.test(String((err as Error).message))) {
            const row = await firstRejectedRow(c, source);
            if (row) {
              throw new Error(`${source.path}, line ${row.line}: broken row (${row.error}): ${row.text}`, {
                cause: err,
              });
            }
          }
          throw err;
        }
      }
      const columns = await describe(c, selectSql(fileRef(target, [])));
      if (signal) signal.throwIfAborted();
      return fileRef(target, columns);
    });
  } catch (err) {
    if (err instanceof Error && err.message.startsWith(`${source.path}, line `))
      throw new Error(`Node "${nodeId}": ${err.message}`, { cause: err });
    throw new Error(describeDuckError(err, `Node "${nodeId}" (${source.path})`), { cause: err });
  }
}

/** What a path that is not a regular file is, for the message. */
function specialKind(s: Stats): string {
  if (s.isFIFO()) return 'a FIFO (named pipe)';
  if (s.isSocket()) return 'a socket';
  if (s.isCharacterDevice() || s.isBlockDevice()) return 'a device';
  if (s.isDirectory()) return 'a folder';
  return 'not a regular file';
}

async function realpathOrSame(file: string): Promise<string> {
  try {
    return await realpath(file);
  } catch {
    return file;
  }
}

/**
 * Refuses a missing path and anything but a regular file: reading a FIFO or a device blocks (or never
 * ends), so it is named instead of opened. `stat` follows links, so a link to a FIFO is refused too.
 */
export async function requireRegularFile(nodeId: string, file: string): Promise<void> {
  if (!mayRead(file) || !mayRead(await realpathOrSame(file))) {
    throw new Error(
      `Node "${nodeId}": ${file} is outside what a check may read (the workflow's folder, and the files its parameters name inside the workspace)`,
    );
  }
  let s: Stats;
  try {
    s = await stat(file);
  } catch {
    throw new Error(`Node "${nodeId}": file not found: ${file}`);
  }
  if (!s.isFile()) {
    throw new Error(
      `Node "${nodeId}": ${file} is ${specialKind(s)}, not a regular file; only files are read`,
    );
  }
}

/**
 * The delimiter of a CSV guessed from its header line (the most frequent of , tab ; |). DuckDB's
 * sniffer can fall back to a single column when a row in its sample is broken; a fixed delimiter
 * makes that an error that names the row instead.
 */
export async function guessDelimiter(file: string): Promise<string | undefined> {
  // Non-blocking: a file swapped for a FIFO after the check above does not hang the open.
  const handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const buf = Buffer.alloc(65536);
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    const header = buf.subarray(0, bytesRead).toString('utf8').split(/\r?\n/, 1)[0] ?? '';
    let best: string | undefined;
    let bestCount = 0;
    for (const d of [',', '\t', ';', '|']) {
      const n = header.split(d).length - 1;
      if (n > bestCount) [best, bestCount] = [d, n];
    }
    return best;
  } finally {
    await handle.close();
  }
}

/** Dialect and column types as DuckDB's sniffer finds them (it writes "(empty)" for none). */
async function sniffCsv(
  c: DuckDBConnection,
  source: Extract<TableSource, { kind: 'csv' }>,
): Promise<{ dialect: CsvDialect; columnTypes: Record<string, string> }> {
  const o = source.options;
  const args = [quoteLiteral(source.path), `header=${o.header}`];
  if (o.delimiter) args.push(`delim=${quoteLiteral(o.delimiter)}`);
  const sql = `SELECT Quote, Escape, NewLineDelimiter, Comment, SkipRows, DateFormat, TimestampFormat, Columns
    FROM sniff_csv(${args.join(', ')})`;
  const r = (await c.runAndReadAll(sql)).getRowObjectsJson()[0];
  if (!r) throw new Error(`DuckDB could not sniff ${source.path}`);
  const text = (v: unknown): string => (v === null || v === '(empty)' ? '' : String(v));
  const columns = (r['Columns'] ?? []) as Array<{ name: string; type: string }>;
  return {
    dialect: {
      quote: text(r['Quote']),
      escape: text(r['Escape']),
      newLine: text(r['NewLineDelimiter']) || '\\n',
      comment: text(r['Comment']),
      skip: Number(r['SkipRows'] ?? 0),
      ...(r['DateFormat'] ? { dateFormat: String(r['DateFormat']) } : {}),
      ...(r['TimestampFormat'] ? { timestampFormat: String(r['TimestampFormat']) } : {}),
    },
    columnTypes: Object.fromEntries(columns.map((col) => [col.name, col.type])),
  };
}

/** The first row DuckDB rejects when reading with `store_rejects` (line numbers count the header). */
async function firstRejectedRow(
  c: DuckDBConnection,
  source: Extract<TableSource, { kind: 'csv' }>,
): Promise<{ line: number; error: string; text: string } | undefined> {
  const o = source.options;
  const args = [
    quoteLiteral(source.path),
    `header=${o.header}`,
    'store_rejects=true',
    'rejects_table=sluice_rejects',
    'rejects_scan=sluice_rejects_scan',
  ];
  if (o.delimiter) args.push(`delim=${quoteLiteral(o.delimiter)}`);
  try {
    await c.run(`SELECT count(*) FROM read_csv(${args.join(', ')})`);
    const rows = (
      await c.runAndReadAll('SELECT line, error_type, csv_line FROM sluice_rejects ORDER BY line LIMIT 1')
    ).getRowObjectsJson();
    const r = rows[0];
    return r
      ? { line: Number(r['line']), error: String(r['error_type']), text: String(r['csv_line']).slice(0, 200) }
      : undefined;
  } catch {
    return undefined;
  }
}

/** Reads every row once (without keeping them) so a broken row fails the source node itself. */
export async function validateFile(nodeId: string, ref: TableRef, signal: AbortSignal): Promise<number> {
  try {
    const rows = await withConnection((c) =>
      execute(c, `SELECT count(*) AS n FROM (${selectSql(ref)})`, { signal }),
    );
    return Number(rows[0]?.['n'] ?? 0);
  } catch (err) {
    if (signal.aborted) throw err;
    throw new Error(describeDuckError(err, `Node "${nodeId}"`), { cause: err });
  }
}

/**
 * What a file source's check shares with its run (`ctx.inferred`): the ref it found and the file as
 * it was before sniffing, so the run can tell whether the ref still holds.
 */
interface CheckedFile {
  source: FileSource;
  stamp: string;
  ref: TableRef;
}

/** Size, inode, modification and change times: any write, replace or `touch` changes it. */
async function fileStamp(file: string): Promise<string | undefined> {
  try {
    const s = await stat(file, { bigint: true });
    return s.isFile() ? `${s.dev}:${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}` : undefined;
  } catch {
    return undefined;
  }
}

/**
 * inferOutputs of a file source: `{ table: 'table{…}' }`, or plain `table` when the path is not set yet.
 * With `share`, the ref goes to the node's run, which then neither sniffs nor starts DuckDB.
 */
export async function inferFileTable(
  source: FileSource | undefined,
  share?: (value: unknown) => void,
): Promise<Record<string, string>> {
  if (!source) return { table: 'table' };
  // Stamped before sniffing: a write during the sniff makes the run look again.
  const stamp = share ? await fileStamp(source.path) : undefined;
  const ref = await fileTable('(check)', source);
  if (share && stamp) share({ source, stamp, ref } satisfies CheckedFile);
  return { table: tableTypeOf(ref.columns) };
}

/**
 * The ref of a file source at run time: the one its check found (`inferred`) when that was for the
 * same source and the file has not changed since, else resolved again.
 */
export async function runFileTable(
  nodeId: string,
  source: FileSource,
  inferred: unknown,
  signal: AbortSignal,
): Promise<TableRef> {
  const kept = inferred as Partial<CheckedFile> | undefined;
  if (
    kept &&
    typeof kept.stamp === 'string' &&
    isTableRef(kept.ref) &&
    JSON.stringify(kept.source) === JSON.stringify(source) &&
    (await fileStamp(source.path)) === kept.stamp
  ) {
    signal.throwIfAborted();
    return kept.ref;
  }
  return fileTable(nodeId, source, signal);
}

/** Resolves a path parameter against the workflow folder. */
export function resolveAgainst(baseDir: string, p: string): string {
  return path.resolve(baseDir, p);
}
