// A file source's run uses the ref its check found while the file is unchanged, and finds it again
// when the file or the source changed (real files, real DuckDB).
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { inferFileTable, runFileTable, type FileSource } from './fileSource.js';
import type { TableRef } from '../lib/tableRef.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'sluice-filesource-'));
const signal = new AbortController().signal;

/** What the check shares for `source` (as the run controller would hand it over). */
async function checked(source: FileSource): Promise<{ source: FileSource; stamp: string; ref: TableRef }> {
  let shared: unknown;
  await inferFileTable(source, (v) => (shared = v));
  expect(shared).toBeDefined();
  // It crosses the process boundary as JSON.
  return JSON.parse(JSON.stringify(shared)) as { source: FileSource; stamp: string; ref: TableRef };
}

const names = (ref: TableRef): string[] => ref.columns.map((c) => c.name);

describe('file sources: the ref from the check', () => {
  it('is used as it is while the file is unchanged', async () => {
    const file = path.join(dir, 'same.csv');
    writeFileSync(file, 'id,name\n1,a\n2,b\n');
    const source: FileSource = { kind: 'csv', path: file, options: { header: true } };
    const kept = await checked(source);
    expect(names(kept.ref)).toEqual(['id', 'name']);
    // A marked copy: getting the mark back shows the run did not sniff again.
    const marked = {
      ...kept,
      ref: { ...kept.ref, columns: [{ name: 'mark', type: 'string', dbType: 'VARCHAR' }] },
    };
    expect(names(await runFileTable('n', source, marked, signal))).toEqual(['mark']);
  });

  it('is found again when the file changed since the check', async () => {
    const file = path.join(dir, 'changed.csv');
    writeFileSync(file, 'id,name\n1,a\n');
    const source: FileSource = { kind: 'csv', path: file, options: { header: true } };
    const kept = await checked(source);
    writeFileSync(file, 'id,name,extra\n1,a,x\n');
    expect(names(await runFileTable('n', source, kept, signal))).toEqual(['id', 'name', 'extra']);
  });

  it('is found again when only the modification time changed', async () => {
    const file = path.join(dir, 'touched.csv');
    writeFileSync(file, 'id\n1\n');
    const source: FileSource = { kind: 'csv', path: file, options: { header: true } };
    const kept = await checked(source);
    const marked = { ...kept, ref: { ...kept.ref, columns: [] } };
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    expect(names(await runFileTable('n', source, marked, signal))).toEqual(['id']);
  });

  it('is not used for another source, or when it is not a checked file', async () => {
    const file = path.join(dir, 'other.csv');
    writeFileSync(file, 'id;name\n1;a\n');
    const source: FileSource = { kind: 'csv', path: file, options: { header: true } };
    const kept = await checked(source);
    const marked = { ...kept, ref: { ...kept.ref, columns: [] } };
    const noHeader: FileSource = { kind: 'csv', path: file, options: { header: false } };
    expect(names(await runFileTable('n', noHeader, marked, signal))).toEqual(['column0', 'column1']);
    for (const junk of [undefined, null, 'x', { stamp: kept.stamp }, { ...marked, ref: { columns: [] } }]) {
      expect(names(await runFileTable('n', source, junk, signal))).toEqual(['id', 'name']);
    }
  });

  it('fails as before when the file is gone', async () => {
    const file = path.join(dir, 'gone.csv');
    writeFileSync(file, 'id\n1\n');
    const source: FileSource = { kind: 'csv', path: file, options: { header: true } };
    const kept = await checked(source);
    rmSync(file);
    await expect(runFileTable('n', source, kept, signal)).rejects.toThrow(
      `Node "n": file not found: ${file}`,
    );
  });

  it('shares nothing for a file that does not exist (the run reports it)', async () => {
    let shared: unknown;
    const source: FileSource = { kind: 'parquet', path: path.join(dir, 'missing.parquet') };
    await expect(inferFileTable(source, (v) => (shared = v))).rejects.toThrow('file not found');
    expect(shared).toBeUndefined();
  });
});
