// How data nodes take tables from inputs and hand them to outputs: refs only, each sent ref also
// recorded under `<runDir>/outputs/` so the host can preview it after the run.

import { chmod, mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { NodeContext, InputPort } from '../../../sdk/index.js';
import { describe, execute, warmUp, withConnection } from './duck.js';
import { describeDuckError } from './errors.js';
import { blameFailure } from './blame.js';
import { captureUnconsumed } from './previewCapture.js';
import { outputRecordPath } from './outputRecords.js';
import {
  isTableRef,
  fileRef,
  queryRef,
  selectSql,
  quoteLiteral,
  type TableColumn,
  type TableRef,
} from './tableRef.js';
import { assertOneSelect } from './selectOnly.js';
import { PRIVATE_FILE_MODE, PRIVATE_FOLDER_MODE, writeFileAtomic } from '../../../files/atomicFile.js';

/** Records the ref sent on `port` so the host can preview it after the run. */
export async function recordTable(ctx: NodeContext<object>, port: string, ref: TableRef): Promise<void> {
  await writeFileAtomic(outputRecordPath(ctx.runDir, ctx.nodeId, port), JSON.stringify(ref), {
    mode: PRIVATE_FILE_MODE,
    createFolder: true,
    folderMode: PRIVATE_FOLDER_MODE,
  });
}

/** Records then sends a table ref on an output. */
export async function sendTable(
  ctx: NodeContext<object>,
  port: string,
  made: TableRef,
  /** Its preview is already recorded (a sink captured what it wrote). */
  captured = false,
): Promise<void> {
  // A ref passed on unchanged keeps the node that made it: blame goes to who wrote the fragment.
  const ref = made.node === undefined ? { ...made, node: ctx.nodeId, port } : made;
  await recordTable(ctx, port, ref);
  const out = ctx.outputs[port];
  if (!out) throw new Error(`Node "${ctx.nodeId}" has no output "${port}"`);
  if (out.connected === 0 && made.node === undefined && !captured) await captureUnconsumed(ctx, ref);
  await out.send(ref);
}

/** Checks that a value received on `port` is a table ref. */
export function expectTable(ctx: NodeContext<object>, port: string, value: unknown): TableRef {
  if (!isTableRef(value)) {
    const shown = JSON.stringify(value)?.slice(0, 80) ?? String(value);
    throw new Error(`Node "${ctx.nodeId}", input "${port}": expected a table reference, got ${shown}`);
  }
  return value;
}

/**
 * Every table arriving on one input, checked. A node that executes what it gets (`execute`) starts
 * opening DuckDB before the first table arrives; a node that only composes never loads it.
 */
export async function* tablesOf(
  ctx: NodeContext<object>,
  port: string,
  execute = false,
): AsyncGenerator<TableRef> {
  const input = ctx.inputs[port];
  if (!input) throw new Error(`Node "${ctx.nodeId}" has no input "${port}"`);
  if (execute) void warmUp();
  for await (const value of input) yield expectTable(ctx, port, value);
}

/**
 * Tables arriving on several inputs, taken one from each in lockstep (a join of the 1st with the 1st,
 * the 2nd with the 2nd …); ends when any input ends.
 */
export async function* zipTables(
  ctx: NodeContext<object>,
  ports: string[],
): AsyncGenerator<Record<string, TableRef>> {
  const inputs: Array<[string, InputPort]> = ports.map((p) => {
    const input = ctx.inputs[p];
    if (!input) throw new Error(`Node "${ctx.nodeId}" has no input "${p}"`);
    return [p, input];
  });
  for (;;) {
    const next = await Promise.all(inputs.map(async ([p, input]) => [p, await input.next()] as const));
    if (next.some(([, r]) => r.done)) return;
    yield Object.fromEntries(next.map(([p, r]) => [p, expectTable(ctx, p, r.value)]));
  }
}

/**
 * A deferred query over `inputs`, its schema found with DESCRIBE (binds the SQL, so a syntax error
 * or missing column fails this node, before any row is read).
 */
export async function deferQuery(
  ctx: NodeContext<object>,
  sql: string,
  inputs: Record<string, TableRef>,
  known?: TableColumn[],
): Promise<TableRef> {
  // Columns the check already found (or that cannot change): composing then needs no DuckDB.
  if (known) return queryRef(sql, inputs, known);
  const draft = queryRef(sql, inputs, []);
  try {
    const columns = await withConnection(async (c) => {
      // The node's own SQL alone first: a syntax error then points into the text the user wrote, and
      // anything but one SELECT is refused before DuckDB binds or runs it.
      await assertOneSelect(c, sql, 'SQL');
      return describe(c, selectSql(draft));
    });
    return { ...draft, columns };
  } catch (err) {
    const tables = Object.fromEntries(Object.entries(inputs).map(([n, r]) => [n, r.columns]));
    throw new Error(describeDuckError(err, `Node "${ctx.nodeId}"`, tables), { cause: err });
  }
}

/**
 * Writes the rows of `ref` to a Parquet file in the run folder and returns a ref to that file.
 * Used when a node needs rows, asks for a checkpoint, or ends a deferred chain.
 */
export async function materialize(ctx: NodeContext<object>, ref: TableRef, port: string): Promise<TableRef> {
  const file = path.join(ctx.runDir, 'tables', `${ctx.nodeId}.${port}.parquet`);
  await copyTo(ctx, ref, file, 'FORMAT parquet');
  return fileRef({ kind: 'parquet', path: file }, ref.columns);
}

/**
 * Executes `ref` into `file` with DuckDB's COPY, through a temporary file renamed at the end, so a
 * failure (broken CSV row, cancel) leaves no partial output. Reports coarse progress.
 */
export async function copyTo(
  ctx: NodeContext<object>,
  ref: TableRef,
  file: string,
  options: string,
): Promise<number> {
  const inRun = isInside(ctx.runDir, file);
  await mkdir(path.dirname(file), { recursive: true, ...(inRun ? { mode: PRIVATE_FOLDER_MODE } : {}) });
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.tmp-${process.pid}`);
  ctx.progress({ fraction: 0, message: 'running query' });
  try {
    const rows = await withConnection(async (c) => {
      const select = selectSql(ref);
      await assertOneSelect(c, select, 'The composed query');
      return execute(c, `COPY (${select}) TO ${quoteLiteral(tmp)} (${options})`, {
        signal: ctx.signal,
        onTick: (s) => ctx.progress({ message: `running query (${s} s)` }),
      });
    });
    // DuckDB creates files with the umask's mode; run tables are private like the rest of the run.
    if (inRun) await chmod(tmp, PRIVATE_FILE_MODE);
    await rename(tmp, file);
    const count = Number(Object.values(rows[0] ?? {})[0] ?? 0);
    ctx.progress({ fraction: 1, message: `${count} rows written` });
    return count;
  } catch (err) {
    await rm(tmp, { force: true, recursive: true });
    // The target itself (a folder that cannot be written): this node's own fault, nothing to probe.
    if (!ctx.signal.aborted && String((err as Error)?.message ?? err).includes(tmp))
      throw new Error(describeDuckError(err, `Node "${ctx.nodeId}"`), { cause: err });
    throw await blameFailure(ctx, ref, err);
  }
}

/** Whether `file` lies inside `dir`. */
function isInside(dir: string, file: string): boolean {
  const rel = path.relative(dir, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}
