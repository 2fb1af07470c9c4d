// Where a run keeps the table refs its nodes sent (`<runDir>/outputs/<nodeId>.<port>.json`), so the
// host can list and preview them after the run. No DuckDB here: the host lists without loading it.

import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { RecordedOutput } from '../../../hostApi/api.js';

/** File where the ref sent on `port` of `nodeId` is recorded. */
export function outputRecordPath(runDir: string, nodeId: string, port: string): string {
  return path.join(runDir, 'outputs', `${nodeId}.${port}.json`);
}

/**
 * File where the preview of that ref is kept when the run executed it (schema, exact row count, the
 * first rows): a record of what the run produced, read back as is.
 */
export function previewRecordPath(runDir: string, nodeId: string, port: string): string {
  return path.join(runDir, 'outputs', `${nodeId}.${port}.preview.json`);
}

/** Node ids and port names never contain a dot, so `<nodeId>.<port>.json` splits unambiguously. */
const RECORD = /^([A-Za-z_][A-Za-z0-9_-]*)\.([A-Za-z0-9_][A-Za-z0-9_-]*)\.json$/;

/** The outputs a run has recorded, sorted by node then port; none when the folder does not exist. */
export async function listRecordedOutputs(runDir: string): Promise<RecordedOutput[]> {
  let names: string[];
  try {
    names = await readdir(path.join(runDir, 'outputs'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  return names
    .flatMap((name) => {
      const m = RECORD.exec(name);
      return m ? [{ nodeId: m[1]!, port: m[2]! }] : [];
    })
    .sort((a, b) => a.nodeId.localeCompare(b.nodeId) || a.port.localeCompare(b.port));
}
