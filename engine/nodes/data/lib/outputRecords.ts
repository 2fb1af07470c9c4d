// Where a run keeps the table refs its nodes sent (`<runDir>/outputs/<nodeId>.<port>.json`), and the
// first values of every other output (`<nodeId>.<port>.values.json`, written by the worker:
// runtime/worker/valueRecords.ts), so the host can list and preview them after the run. No DuckDB
// here: the host lists without loading it.

import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { RecordedOutput } from '../../../hostApi/api.js';

/** File where the ref sent on `port` of `nodeId` is recorded. */
export function outputRecordPath(runDir: string, nodeId: string, port: string): string {
  return path.join(runDir, 'outputs', `${nodeId}.${port}.json`);
}

/** How many of the first values sent on each stream output a run records. */
export const VALUE_RECORD_LIMIT = 100;
/** And no more of their JSON than this (about 1 MB): 100 values of 64 KiB would be 6.5 MB a port. */
export const VALUE_RECORD_MAX_CHARS = 1_000_000;

/** What a run records of a stream output: how many values went out, and the first of them. */
export interface ValueRecord {
  count: number;
  values: unknown[];
}

/** File where the first values sent on `port` of `nodeId` are recorded (a ValueRecord). */
export function valueRecordPath(runDir: string, nodeId: string, port: string): string {
  return path.join(runDir, 'outputs', `${nodeId}.${port}.values.json`);
}

/**
 * File where the preview of that ref is kept when the run executed it (schema, exact row count, the
 * first rows): a record of what the run produced, read back as is.
 */
export function previewRecordPath(runDir: string, nodeId: string, port: string): string {
  return path.join(runDir, 'outputs', `${nodeId}.${port}.preview.json`);
}

/** Node ids and port names never contain a dot, so `<nodeId>.<port>.json` splits unambiguously. */
const RECORD = /^([A-Za-z_][A-Za-z0-9_-]*)\.([A-Za-z0-9_][A-Za-z0-9_-]*)\.(json|values\.json)$/;

/** The outputs a run has recorded, sorted by node then port; none when the folder does not exist. */
export async function listRecordedOutputs(runDir: string): Promise<RecordedOutput[]> {
  let names: string[];
  try {
    names = await readdir(path.join(runDir, 'outputs'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  // A table's ref wins over values recorded for the same port (the worker records none for tables).
  const found = new Map<string, RecordedOutput>();
  for (const name of names) {
    const m = RECORD.exec(name);
    if (!m) continue;
    const kind = m[3] === 'json' ? 'table' : 'values';
    const key = `${m[1]}.${m[2]}`;
    if (kind === 'table' || !found.has(key)) found.set(key, { nodeId: m[1]!, port: m[2]!, kind });
  }
  return [...found.values()].sort((a, b) => a.nodeId.localeCompare(b.nodeId) || a.port.localeCompare(b.port));
}
