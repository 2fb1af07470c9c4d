// Preview of a table output after a run: schema, row count and the first rows, as the run captured
// them where it executed the table (never recomputed from live files). A table that lives in the
// run's own folder (a checkpoint, rows staged from a database) is read there. The host service calls
// this for `run:preview`, so it works in the app and in `sluice serve` alike.

import { assertOneSelect } from '../../nodes/data/lib/selectOnly.js';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { TablePreview } from '../../hostApi/api.js';
import { execute, normalizeRows, withConnection } from '../../nodes/data/lib/duck.js';
import { describeDuckError } from '../../nodes/data/lib/errors.js';
import { outputRecordPath, previewRecordPath } from '../../nodes/data/lib/outputRecords.js';
import { isTableRef, refFiles, selectSql, type TableRef } from '../../nodes/data/lib/tableRef.js';

async function readJson(file: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, 'utf8'));
  } catch {
    return undefined;
  }
}

export async function previewTableOutput(
  runDir: string,
  nodeId: string,
  port: string,
  limit = 100,
): Promise<TablePreview> {
  const file = outputRecordPath(runDir, nodeId, port);
  const ref = await readJson(file);
  if (ref === undefined)
    throw new Error(`No table was recorded for node "${nodeId}", port "${port}" in this run (${file})`);
  if (!isTableRef(ref))
    throw new Error(`The output of node "${nodeId}", port "${port}" is not a table (${file})`);
  const n = Math.max(0, Math.floor(limit));
  // Captured under this output, or under the node that made the ref (a pass-through keeps it).
  const keys = [[nodeId, port], ...(ref.node && ref.port ? [[ref.node, ref.port]] : [])];
  for (const [node, p] of keys) {
    const captured = (await readJson(previewRecordPath(runDir, node!, p!))) as TablePreview | undefined;
    if (captured && Array.isArray(captured.rows)) return { ...captured, rows: captured.rows.slice(0, n) };
  }
  const inRun = refFiles(ref).every((f) => !path.relative(runDir, f).startsWith('..'));
  if (!inRun) {
    const columns = ref.columns.map((c) => `${c.name} ${c.type}`).join(', ');
    throw new Error(
      `Preview of node "${nodeId}", port "${port}": no rows were captured in this run (the table was only read inside a later node's query, and its files may have changed since); columns: ${columns}`,
    );
  }
  return previewInRun(ref, nodeId, port, n);
}

/** A table whose files are the run's own (written once, never changed): read it there. */
async function previewInRun(table: TableRef, nodeId: string, port: string, n: number): Promise<TablePreview> {
  try {
    return await withConnection(async (c) => {
      await assertOneSelect(c, selectSql(table), 'The recorded query');
      const signal = new AbortController().signal;
      const count = await execute(c, `SELECT count(*) AS n FROM (${selectSql(table)})`, { signal });
      const rows = await execute(c, `SELECT * FROM (${selectSql(table)}) LIMIT ${n}`, { signal });
      return {
        columns: table.columns.map((col) => ({ name: col.name, type: col.type })),
        rowCount: Number(count[0]?.['n'] ?? 0),
        rows: normalizeRows(rows, table.columns),
      };
    });
  } catch (err) {
    throw new Error(describeDuckError(err, `Preview of node "${nodeId}", port "${port}"`), { cause: err });
  }
}
