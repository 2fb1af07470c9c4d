// The run's record of a node's stream outputs: how many values each output sent and the first
// VALUE_RECORD_LIMIT of them (outEdge.ts keeps them as they go out), written into the run's folder
// when the node ends, before it reports its final state, so the data view can show them after the
// run. Table outputs are recorded by the data nodes themselves (their refs and previews).

import type { NodeAssignment } from '../common/protocol.js';
import { tryParseType } from '../../types/index.js';
import { valueRecordPath, type ValueRecord } from '../../nodes/data/lib/outputRecords.js';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PRIVATE_FILE_MODE, PRIVATE_FOLDER_MODE } from '../../files/atomicFile.js';
import type { OutputHub } from './outputs.js';

function isTablePort(expr: string | undefined): boolean {
  if (expr === undefined) return false;
  const parsed = tryParseType(expr);
  return parsed.ok && parsed.type.kind === 'table';
}

/**
 * Writes one record per stream output that has edges; a failure to write costs the record only. Not
 * synced to disk (a record, read once the run has ended, not data): a plain write keeps the node's
 * end quick.
 */
export async function writeValueRecords(a: NodeAssignment, outputs: OutputHub): Promise<void> {
  const records = outputs.firstValues().filter(({ port }) => !isTablePort(a.types.outputs[port]));
  if (records.length === 0) return;
  try {
    await mkdir(path.join(a.runDir, 'outputs'), { recursive: true, mode: PRIVATE_FOLDER_MODE });
    await Promise.all(
      records.map(({ port, count, values }) => {
        const record: ValueRecord = { count, values };
        const file = valueRecordPath(a.runDir, a.nodeId, port);
        return writeFile(file, JSON.stringify(record), { mode: PRIVATE_FILE_MODE }).catch(() => undefined);
      }),
    );
  } catch {
    // No folder: no records, and the node's own result stands.
  }
}
