// Preview of a stream output after a run: the count and first values the worker recorded in the
// run's folder (runtime/worker/valueRecords.ts), as a table (valuesTable.ts). Never recomputed. No
// DuckDB: the host reads these without loading it.

import { readFile } from 'node:fs/promises';
import type { TablePreview } from '../../hostApi/api.js';
import { valueRecordPath } from '../../nodes/data/lib/outputRecords.js';
import { valuesTable } from './valuesTable.js';

/** The recorded values of `nodeId`.`port` as a table, or undefined when the run recorded none. */
export async function previewRecordedValues(
  runDir: string,
  nodeId: string,
  port: string,
): Promise<TablePreview | undefined> {
  let text: string;
  try {
    text = await readFile(valueRecordPath(runDir, nodeId, port), 'utf8');
  } catch {
    return undefined;
  }
  const record = JSON.parse(text) as { count?: unknown; values?: unknown };
  if (!Array.isArray(record.values) || typeof record.count !== 'number') return undefined;
  return valuesTable(record.values, record.count);
}
