// What a run's outputs recorded, kept in the history when the run ends: each output's kind, and a
// table's schema and row count (when the run captured its preview) or how many values a stream sent.
// The runs panel and the REST API list them from here without reading the run's folder.

import { readFile } from 'node:fs/promises';
import type { RecordedOutput, TablePreview } from '../hostApi/api.js';
import {
  listRecordedOutputs,
  previewRecordPath,
  valueRecordPath,
  type ValueRecord,
} from '../nodes/data/lib/outputRecords.js';
import type { HistoryDb } from './historyDb.js';
import { writeTransaction } from './writeTransaction.js';

async function readJson<T>(file: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as T;
  } catch {
    return undefined; // not captured (a table read only inside a later query), or unreadable
  }
}

/** The outputs in a run's folder, with what their records say of them. */
export async function readRecordedOutputs(runDir: string): Promise<RecordedOutput[]> {
  const outputs = await listRecordedOutputs(runDir);
  return Promise.all(
    outputs.map(async (o): Promise<RecordedOutput> => {
      if (o.kind === 'values') {
        const record = await readJson<ValueRecord>(valueRecordPath(runDir, o.nodeId, o.port));
        return typeof record?.count === 'number' ? { ...o, rowCount: record.count } : o;
      }
      const preview = await readJson<TablePreview>(previewRecordPath(runDir, o.nodeId, o.port));
      return preview && Array.isArray(preview.columns) && typeof preview.rowCount === 'number'
        ? { ...o, rowCount: preview.rowCount, columns: preview.columns }
        : o;
    }),
  );
}

export function insertOutputs(db: HistoryDb, runId: string, outputs: readonly RecordedOutput[]): void {
  const insert = db.prepare(
    `INSERT OR REPLACE INTO run_outputs (run_id, node_id, port, kind, row_count, columns_json)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  writeTransaction(db, () => {
    db.prepare('UPDATE runs SET outputs_recorded = 1 WHERE id = ?').run(runId);
    for (const o of outputs)
      insert.run(
        runId,
        o.nodeId,
        o.port,
        o.kind,
        o.rowCount ?? null,
        o.columns ? JSON.stringify(o.columns) : null,
      );
  });
}

interface OutputRow {
  node_id: string;
  port: string;
  kind: string;
  row_count: number | null;
  columns_json: string | null;
}

/** The outputs the history has for a run; undefined when they were never recorded there. */
export function selectOutputs(db: HistoryDb, runId: string): RecordedOutput[] | undefined {
  const run = db.prepare('SELECT outputs_recorded FROM runs WHERE id = ?').get(runId) as
    { outputs_recorded: number } | undefined;
  if (!run || run.outputs_recorded !== 1) return undefined;
  const rows = db
    .prepare('SELECT * FROM run_outputs WHERE run_id = ? ORDER BY node_id, port')
    .all(runId) as OutputRow[];
  return rows.map((r) => ({
    nodeId: r.node_id,
    port: r.port,
    kind: r.kind === 'values' ? 'values' : 'table',
    ...(r.row_count !== null ? { rowCount: r.row_count } : {}),
    ...(r.columns_json !== null ? { columns: JSON.parse(r.columns_json) as RecordedOutput['columns'] } : {}),
  }));
}
