// After DuckDB fails on a file source: what is wrong with the file and where, in a person's terms
// (a CSV's physical line, a JSON file's line and column, a file that is not Parquet at all).

import { csvFaultText } from './csvFault.js';
import { jsonFaultText } from './jsonFault.js';
import type { TableSource } from './tableRef.js';

type FileSource = Exclude<TableSource, { kind: 'query' }>;

function headline(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message
    .split('\n', 1)[0]!
    .replace(/^[A-Za-z ]+Error: /, '')
    .trim();
}

/** `<file>, line N: …` (or `<file>: …`) for the fault DuckDB met, or undefined to use its message. */
export async function fileFaultText(source: FileSource, err: unknown): Promise<string | undefined> {
  switch (source.kind) {
    case 'csv':
      return csvFaultText(source);
    case 'json':
      return jsonFaultText(source.path, source.format);
    case 'parquet': {
      const what = headline(err);
      if (/No magic bytes|too small to be a Parquet file/.test(what))
        return `${source.path}: not a Parquet file (${what.replace(/ ?'[^']*'/, '')}): truncated, or another format`;
      return /parquet|row group|column chunk/i.test(what) ? `${source.path}: ${what}` : undefined;
    }
  }
}
