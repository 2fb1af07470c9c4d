// Previews captured where a run executes a table: the schema, the exact row count and the first
// rows, written next to the run's output records so the host shows what the run produced, not
// what the files hold later.

import type { TablePreview } from '../../../hostApi/api.js';
import type { NodeContext } from '../../../sdk/index.js';
import { previewRecordPath } from './outputRecords.js';
import { execute, normalizeRows, withConnection } from './duck.js';
import { blameFailure, fragments } from './blame.js';
import { PRIVATE_FILE_MODE, PRIVATE_FOLDER_MODE, writeFileAtomic } from '../../../files/atomicFile.js';
import { selectSql, type TableColumn, type TableRef } from './tableRef.js';

/** Rows a captured preview keeps: small, so a run folder stays small. */
export const PREVIEW_ROWS = 100;

/** Writes `preview` for `ref` (under the node and port that made it) and for any `also` keys. */
export async function writePreview(
  ctx: NodeContext<object>,
  ref: TableRef,
  preview: TablePreview,
  also: Array<{ node: string; port: string }> = [],
): Promise<void> {
  const keys = [...(ref.node && ref.port ? [{ node: ref.node, port: ref.port }] : []), ...also];
  const text = JSON.stringify(preview);
  for (const k of keys)
    await writeFileAtomic(previewRecordPath(ctx.runDir, k.node, k.port), text, {
      mode: PRIVATE_FILE_MODE,
      createFolder: true,
      folderMode: PRIVATE_FOLDER_MODE,
    });
}

export function previewOf(
  columns: TableColumn[],
  rowCount: number,
  rows: Record<string, unknown>[],
): TablePreview {
  return {
    columns: columns.map((c) => ({ name: c.name, type: c.type })),
    rowCount,
    rows: normalizeRows(rows.slice(0, PREVIEW_ROWS), columns),
  };
}

/** The first rows of a file the node has just written (cheap: a LIMIT over a local file). */
export async function previewOfWritten(
  ctx: NodeContext<object>,
  written: TableRef,
  columns: TableColumn[],
  rowCount: number,
): Promise<TablePreview> {
  const rows = await withConnection((c) =>
    execute(c, `SELECT * FROM (${selectSql(written)}) LIMIT ${PREVIEW_ROWS}`, { signal: ctx.signal }),
  );
  return previewOf(columns, rowCount, rows);
}

/** Keeps the first rows of a stream of row arrays (in column order) and counts them all. */
export class RowCapture {
  private readonly kept: Record<string, unknown>[] = [];
  count = 0;

  constructor(private readonly columns: TableColumn[]) {}

  add(rows: unknown[][]): void {
    this.count += rows.length;
    for (const row of rows) {
      if (this.kept.length >= PREVIEW_ROWS) break;
      this.kept.push(Object.fromEntries(this.columns.map((c, i) => [c.name, row[i]])));
    }
  }

  preview(): TablePreview {
    return previewOf(this.columns, this.count, this.kept);
  }
}

/**
 * A table sent on an output with no edges is never executed downstream: the node that made it
 * captures its preview itself (the row count and the first rows), so the run still records it.
 */
export async function captureUnconsumed(ctx: NodeContext<object>, ref: TableRef): Promise<void> {
  const select = selectSql(ref);
  try {
    const preview = await withConnection(async (c) => {
      const count = await execute(c, `SELECT count(*) AS n FROM (${select})`, { signal: ctx.signal });
      const rows = await execute(c, `SELECT * FROM (${select}) LIMIT ${PREVIEW_ROWS}`, {
        signal: ctx.signal,
      });
      return previewOf(ref.columns, Number(count[0]?.['n'] ?? 0), rows);
    });
    await writePreview(ctx, ref, preview);
  } catch (err) {
    throw await blameFailure(ctx, ref, err);
  }
}

/**
 * The tables composed into `ref` (a source's file, each SQL node's query) are executed only inside
 * the query of the node that runs it: that node captures their previews too, after its own work, so
 * selecting any node after the run shows what the run produced there (the data view's input and
 * output tables). Each is executed once more, for its count and first rows; capped, never kept whole.
 */
export async function captureUpstream(ctx: NodeContext<object>, ref: TableRef): Promise<void> {
  for (const fragment of fragments(ref)) {
    if (fragment === ref) continue;
    await captureUnconsumed(ctx, fragment);
  }
}
