// Rows → table: rows that come from outside DuckDB (a database, a stream of messages) are written
// once to Parquet in the run folder, and the table ref points there.

import { createWriteStream } from 'node:fs';
import { chmod, mkdir, rename, rm } from 'node:fs/promises';
import { PRIVATE_FILE_MODE, PRIVATE_FOLDER_MODE } from '../../../files/atomicFile.js';
import path from 'node:path';
import type { NodeContext } from '../../../sdk/index.js';
import { describe, execute, withConnection } from './duck.js';
import { describeDuckError } from './errors.js';
import { fileRef, quoteIdent, quoteLiteral, type TableRef } from './tableRef.js';

export interface RowColumn {
  name: string;
  /** DuckDB type to cast to; undefined lets DuckDB infer it from the values. */
  dbType?: string;
}

/**
 * Writes `batches` of rows (arrays in `columns` order, or objects) to `<runDir>/tables/<node>.<port>.parquet`.
 * Values are staged as NDJSON; with `columns` typed, every value is read as text and cast, so a
 * database's own text form (numeric, dates) converts exactly.
 */
export async function rowsToTable(
  ctx: NodeContext<object>,
  port: string,
  columns: RowColumn[] | undefined,
  batches: AsyncIterable<Array<unknown[] | Record<string, unknown>>>,
): Promise<TableRef> {
  const dir = path.join(ctx.runDir, 'tables');
  await mkdir(dir, { recursive: true, mode: PRIVATE_FOLDER_MODE });
  const staging = path.join(dir, `.${ctx.nodeId}.${port}.ndjson.tmp-${process.pid}`);
  const target = path.join(dir, `${ctx.nodeId}.${port}.parquet`);
  const tmpTarget = `${target}.tmp-${process.pid}`;
  let count = 0;
  try {
    const out = createWriteStream(staging, { mode: PRIVATE_FILE_MODE });
    for await (const batch of batches) {
      let chunk = '';
      for (const row of batch) {
        const obj =
          Array.isArray(row) && columns
            ? Object.fromEntries(columns.map((c, i) => [c.name, row[i] ?? null]))
            : row;
        chunk += JSON.stringify(obj) + '\n';
      }
      count += batch.length;
      if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      ctx.progress({ done: count, message: `${count} rows` });
    }
    await new Promise<void>((resolve, reject) =>
      out.end((err?: Error | null) => (err ? reject(err) : resolve())),
    );
    const typed = columns && columns.every((c) => c.dbType);
    const read = typed
      ? `read_json(${quoteLiteral(staging)}, format='newline_delimited', columns={${columns
          .map((c) => `${quoteLiteral(c.name)}: 'VARCHAR'`)
          .join(', ')}})`
      : `read_json(${quoteLiteral(staging)}, format='newline_delimited')`;
    let select: string;
    if (typed) {
      select = `SELECT ${columns.map((c) => `CAST(${quoteIdent(c.name)} AS ${c.dbType}) AS ${quoteIdent(c.name)}`).join(', ')} FROM ${read}`;
    } else if (count === 0) {
      // Nothing to infer types from: text columns of the declared names (or one placeholder).
      const names = columns?.length ? columns.map((c) => c.name) : ['value'];
      select = `SELECT ${names.map((n) => `NULL::VARCHAR AS ${quoteIdent(n)}`).join(', ')} WHERE false`;
    } else {
      select = `SELECT * FROM ${read}`;
    }
    const described = await withConnection(async (c) => {
      await execute(c, `COPY (${select}) TO ${quoteLiteral(tmpTarget)} (FORMAT parquet)`, {
        signal: ctx.signal,
      });
      return describe(c, `SELECT * FROM read_parquet(${quoteLiteral(tmpTarget)})`);
    });
    await chmod(tmpTarget, PRIVATE_FILE_MODE);
    await rename(tmpTarget, target);
    return fileRef({ kind: 'parquet', path: target }, described);
  } catch (err) {
    await rm(tmpTarget, { force: true });
    if (ctx.signal.aborted) throw err;
    throw new Error(describeDuckError(err, `Node "${ctx.nodeId}"`), { cause: err });
  } finally {
    await rm(staging, { force: true });
  }
}
