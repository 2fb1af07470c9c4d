// Preview of a table output after a run: schema, row count and the first rows. The host service
// calls this for `run:preview`, so it works in the app and in `sluice serve` alike.

import { assertOneSelect } from '../../nodes/data/lib/selectOnly.js';
import { readFile } from 'node:fs/promises';
import type { TablePreview } from '../../hostApi/api.js';
import { execute, normalizeRows, withConnection } from '../../nodes/data/lib/duck.js';
import { describeDuckError } from '../../nodes/data/lib/errors.js';
import { outputRecordPath } from './outputRecords.js';
import { isTableRef, selectSql } from '../../nodes/data/lib/tableRef.js';

export async function previewTableOutput(
  runDir: string,
  nodeId: string,
  port: string,
  limit = 100,
): Promise<TablePreview> {
  const file = outputRecordPath(runDir, nodeId, port);
  let ref: unknown;
  try {
    ref = JSON.parse(await readFile(file, 'utf8'));
  } catch {
    throw new Error(`No table was recorded for node "${nodeId}", port "${port}" in this run (${file})`);
  }
  if (!isTableRef(ref))
    throw new Error(`The output of node "${nodeId}", port "${port}" is not a table (${file})`);
  const table = ref;
  const n = Math.max(0, Math.floor(limit));
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
