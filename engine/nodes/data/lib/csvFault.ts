// File-level checks of a CSV before and after DuckDB reads it: a binary or undecodable file fails the
// check, and a broken row is named by its physical line (csvScan.ts) once DuckDB has failed on it.

import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { CsvScanner, type CsvScanDialect, type CsvFault } from './csvScan.js';
import type { CsvReadOptions, TableSource } from './tableRef.js';

/** Encodings csv.read offers, as DuckDB names them, with Node's decoder for each. */
export const CSV_ENCODINGS = { 'utf-8': 'utf-8', 'utf-16': 'utf-16le', 'latin-1': 'latin1' } as const;
export type CsvEncoding = keyof typeof CSV_ENCODINGS;

const SAMPLE_BYTES = 1 << 20;

/**
 * Why the start of `file` is not text in `encoding`, or undefined when it is. Reads the first MiB:
 * a NUL byte in UTF-8 or Latin-1 means a binary file; bytes that do not decode name their line.
 */
export async function textProblem(file: string, encoding: CsvEncoding): Promise<string | undefined> {
  return textProblemOf(await readSample(file), encoding);
}

/** The first MiB of `file`. */
export async function readSample(file: string): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const buf = Buffer.alloc(SAMPLE_BYTES);
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** `textProblem` of a sample already read. */
export function textProblemOf(bytes: Buffer, encoding: CsvEncoding): string | undefined {
  if (encoding !== 'utf-16') {
    const nul = bytes.indexOf(0);
    if (nul >= 0)
      return `not a text file (a NUL byte at byte ${nul}, line ${lineAt(bytes, nul)}); is it binary, or UTF-16 (set the encoding)?`;
  }
  if (encoding !== 'utf-8') return undefined;
  const bad = firstInvalidUtf8(bytes);
  return bad === undefined
    ? undefined
    : `not valid UTF-8 at byte ${bad} (line ${lineAt(bytes, bad)}); set the encoding (latin-1, utf-16)`;
}

function lineAt(bytes: Buffer, offset: number): number {
  let line = 1;
  for (let i = bytes.indexOf(10); i >= 0 && i < offset; i = bytes.indexOf(10, i + 1)) line++;
  return line;
}

/** Offset of the first byte that is not valid UTF-8; a sequence cut by the sample's end is fine. */
function firstInvalidUtf8(b: Buffer): number | undefined {
  for (let i = 0; i < b.length;) {
    const c = b[i]!;
    const n =
      c < 0x80 ? 0 : c >= 0xc2 && c < 0xe0 ? 1 : c >= 0xe0 && c < 0xf0 ? 2 : c >= 0xf0 && c < 0xf5 ? 3 : -1;
    if (n < 0) return i;
    for (let k = 1; k <= n; k++) {
      if (i + k >= b.length) return undefined;
      if ((b[i + k]! & 0xc0) !== 0x80) return i;
    }
    i += n + 1;
  }
  return undefined;
}

/** The first broken row of `file` by physical line, or undefined when the scan finds none. */
export async function findCsvFault(
  file: string,
  dialect: CsvScanDialect,
  encoding: CsvEncoding = 'utf-8',
): Promise<CsvFault | undefined> {
  const scanner = new CsvScanner(dialect);
  const stream = createReadStream(file, { encoding: CSV_ENCODINGS[encoding] as BufferEncoding });
  try {
    for await (const chunk of stream) {
      const fault = scanner.push(chunk as string);
      if (fault) return fault;
    }
  } finally {
    stream.destroy();
  }
  return scanner.end();
}

export function csvEncoding(o: CsvReadOptions): CsvEncoding {
  return o.encoding && o.encoding in CSV_ENCODINGS ? (o.encoding as CsvEncoding) : 'utf-8';
}

/**
 * `<file>, line N: broken row (…)` for the first broken row of a CSV by physical line, found by
 * scanning the file with its dialect (only after DuckDB has failed on it); undefined if none is found.
 */
export async function csvFaultText(
  source: Extract<TableSource, { kind: 'csv' }>,
): Promise<string | undefined> {
  const o = source.options;
  if (o.strict === false) return undefined;
  const d = o.dialect;
  const quote = d?.quote ?? o.quote ?? '"';
  const fault = await findCsvFault(
    source.path,
    {
      delimiter: o.delimiter ?? ',',
      quote,
      escape: d?.escape ?? o.escape ?? quote,
      comment: d?.comment ?? o.comment ?? '',
      skip: d?.skip ?? 0,
      header: o.header,
    },
    csvEncoding(o),
  ).catch(() => undefined);
  return fault ? `${source.path}, line ${fault.line}: broken row (${fault.what})` : undefined;
}
