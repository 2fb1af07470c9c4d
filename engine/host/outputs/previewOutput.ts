// A preview of one recorded output of a run: its first stream values, else its captured table.

import type { TablePreview } from '../../hostApi/api.js';
import { HostError } from '../../hostApi/errors.js';
import { ID_PATTERN } from '../../model/schema.js';
import { previewRecordedValues } from './valuesPreview.js';

const PORT_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_-]*$/;

export async function previewOutput(runDir: string, nodeId: string, port: string): Promise<TablePreview> {
  // They name files in the run folder: never a path (callers validate too; this is the last line).
  if (!ID_PATTERN.test(nodeId) || !PORT_PATTERN.test(port)) {
    throw new HostError(`No output "${port}" of node "${nodeId}" to preview`);
  }
  return (await previewRecordedValues(runDir, nodeId, port)) ?? previewTableOutput(runDir, nodeId, port);
}

/** Table previews come from the data nodes, loaded only when asked for (DuckDB is heavy). */
async function previewTableOutput(runDir: string, nodeId: string, port: string): Promise<TablePreview> {
  let mod: { previewTableOutput?: (runDir: string, nodeId: string, port: string) => Promise<TablePreview> };
  try {
    mod = await import('./preview.js');
  } catch (err) {
    throw new HostError(`Table previews are not available in this build: ${(err as Error).message}`);
  }
  if (typeof mod.previewTableOutput !== 'function')
    throw new HostError('Table previews are not available in this build');
  return mod.previewTableOutput(runDir, nodeId, port);
}
