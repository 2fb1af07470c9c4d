// Shared by the file sources (CSV, Parquet, JSON): a ref to the file with its schema, found by
// DuckDB's sniffing, both before the run (inferOutputs) and at run time.

import { open, realpath, stat } from 'node:fs/promises';
import { constants, type Stats } from 'node:fs';
import path from 'node:path';
import { describe, execute, mayRead, withConnection } from '../lib/duck.js';
import type { DuckDBConnection } from '@duckdb/node-api';
import { describeDuckError } from '../lib/errors.js';
import { csvEncoding, csvFaultText, readSample, textProblemOf } from '../lib/csvFault.js';
import { fileFaultText } from '../lib/fileFault.js';
import {
  csvDialectArgs,
  csvReadArgs,
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

/**
 * Resolves the schema of a file source; errors name the file, and the node when `nodeId` is given
 * (the check names the node itself, so it passes none).
 */
export async function fileTable(
  nodeId: string | undefined,
  source: FileSource,
  signal?: AbortSignal,
): Promise<TableRef> {
  const lead = nodeId === undefined ? '' : `Node "${nodeId}": `;
  await requireRegularFile(nodeId, source.path);
  let sampleHasQuote = true;
  if (source.kind === 'csv') {
    const sample = await readSample(source.path);
    sampleHasQuote = sample.includes(0x22);
    const problem = textProblemOf(sample, csvEncoding(source.options));
    if (problem) throw new Error(`${lead}${source.path}: ${problem}`);
    if (!source.options.delimiter) {
      const delimiter = await guessDelimiter(source.path);
      if (delimiter) source = { ...source, options: { ...source.options, delimiter } };
    }
  }
  try {
    return await withConnection(async (c) => {
      let target: FileSource = source;
      if (source.kind === 'csv') {
        try {
          // Sniff once, then pin dialect and column types: the deferred read then has exactly the
          // schema that was checked, and later reads (downstream DESCRIBE, the executing query)
          // skip sniffing.
          let sniffed = await sniffCsv(c, source);
          // No quote sniffed means none was seen in the sample: sniff again with `"` as the
          // quote (RFC 4180), so a quoted header is read right and a stray quote fails the read.
          // A sample without any `"` reads the same either way: only the quote is set then.
          if (!sniffed.dialect.quote && source.options.quote === undefined) {
            sniffed = sampleHasQuote
              ? await sniffCsv(c, { ...source, options: { ...source.options, quote: '"', escape: '"' } })
              : { ...sniffed, dialect: { ...sniffed.dialect, quote: '"', escape: '"' } };
          }
          target = { ...source, options: { ...source.options, ...sniffed } };
        } catch (err) {
          // The sniffer gives up on a broken row inside its sample without saying where: find it.
          const fault = await csvFaultText(source);
          if (fault) throw new Error(fault, { cause: err });
          throw err;
        }
      }
      const columns = await describe(c, selectSql(fileRef(target, [])));
      if (signal) signal.throwIfAborted();
      return fileRef(target, columns);
    });
  } catch (err) {
    if (err instanceof Error && err.message.startsWith(`${source.path}, line `))
      throw new Error(`${lead}${err.message}`, { cause: err });
    const fault = source.kind === 'csv' ? undefined : await fileFaultText(source, err);
    if (fault) throw new Error(`${lead}${fault}`, { cause: err });
    const what = nodeId === undefined ? source.path : `Node "${nodeId}" (${source.path})`;
    throw new Error(describeDuckError(err, what), { cause: err });
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
export async function requireRegularFile(nodeId: string | undefined, file: string): Promise<void> {
  const lead = nodeId === undefined ? '' : `Node "${nodeId}": `;
  if (!mayRead(file) || !mayRead(await realpathOrSame(file))) {
    throw new Error(
      `${lead}${file} is outside what a check may read (the workflow's folder, and the files its parameters name inside the workspace)`,
    );
  }
  let s: Stats;
  try {
    s = await stat(file);
  } catch {
    throw new Error(`${lead}file not found: ${file}`);
  }
  if (!s.isFile()) {
    throw new Error(`${lead}${file} is ${specialKind(s)}, not a regular file; only files are read`);
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
  args.push(...csvDialectArgs(o), ...csvReadArgs(o));
  const sql = `SELECT Quote, Escape, NewLineDelimiter, Comment, SkipRows, DateFormat, TimestampFormat, Columns
    FROM sniff_csv(${args.join(', ')})`;
  const r = (await c.runAndReadAll(sql)).getRowObjectsJson()[0];
  if (!r) throw new Error(`DuckDB could not sniff ${source.path}`);
  const text = (v: unknown): string => (v === null || v === '(empty)' ? '' : String(v));
  const columns = (r['Columns'] ?? []) as Array<{ name: string; type: string }>;
  const quote = o.quote ?? text(r['Quote']);
  const dateFormat = o.dateFormat || text(r['DateFormat']);
  const timestampFormat = o.timestampFormat || text(r['TimestampFormat']);
  return {
    dialect: {
      quote,
      escape: o.escape ?? (text(r['Escape']) || quote),
      newLine: text(r['NewLineDelimiter']) || '\\n',
      comment: o.comment ?? text(r['Comment']),
      skip: Number(r['SkipRows'] ?? 0),
      ...(dateFormat ? { dateFormat } : {}),
      ...(timestampFormat ? { timestampFormat } : {}),
    },
    columnTypes: Object.fromEntries(columns.map((col) => [col.name, col.type])),
  };
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
    const fault = ref.source.kind !== 'query' ? await fileFaultText(ref.source, err) : undefined;
    throw new Error(fault ? `Node "${nodeId}": ${fault}` : describeDuckError(err, `Node "${nodeId}"`), {
      cause: err,
    });
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
  /** Sees the ref the check found (e.g. to suggest the sniffed dialect). */
  found?: (ref: TableRef) => void,
): Promise<Record<string, string>> {
  if (!source) return { table: 'table' };
  // Stamped before sniffing: a write during the sniff makes the run look again.
  const stamp = share ? await fileStamp(source.path) : undefined;
  const ref = await fileTable(undefined, source);
  found?.(ref);
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
