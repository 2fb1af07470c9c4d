// Where a JSON or NDJSON file is broken, by physical line: DuckDB counts records (and for NDJSON
// names the line where the parser gave up, which for an unclosed object is the next one). Runs
// only after DuckDB has failed on the file.

import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';

/** Files above this are not parsed whole to find the fault of a JSON array. */
const WHOLE_FILE_LIMIT = 256 * 1024 * 1024;

function reason(err: unknown): string {
  return String((err as Error).message ?? err).replace(/\s*\(line \d+ column \d+\)$/, '');
}

/** `<file>, line N: not valid JSON (…)`, or undefined when no fault is found. */
export async function jsonFaultText(file: string, format: string): Promise<string | undefined> {
  try {
    const start = await firstChar(file);
    if (format === 'array' || (format === 'auto' && start === '[')) return await arrayFault(file);
    return await linesFault(file);
  } catch {
    return undefined;
  }
}

async function firstChar(file: string): Promise<string | undefined> {
  const stream = createReadStream(file, { encoding: 'utf8', start: 0, end: 4095 });
  let text = '';
  for await (const chunk of stream) text += chunk as string;
  return /\S/.exec(text)?.[0];
}

/** NDJSON: the first non-blank line that is not one JSON value. */
async function linesFault(file: string): Promise<string | undefined> {
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let n = 0;
  for await (const line of lines) {
    n++;
    if (line.trim() === '') continue;
    try {
      JSON.parse(line);
    } catch (err) {
      lines.close();
      return `${file}, line ${n}: not valid JSON (${reason(err)}): ${line.slice(0, 120)}`;
    }
  }
  return undefined;
}

/** A JSON array: parsed whole, the parser's position turned into a line and column. */
async function arrayFault(file: string): Promise<string | undefined> {
  if ((await stat(file)).size > WHOLE_FILE_LIMIT) return undefined;
  const text = await readFile(file, 'utf8');
  try {
    JSON.parse(text);
    return undefined;
  } catch (err) {
    const pos = /position (\d+)/.exec(String((err as Error).message));
    if (!pos) return `${file}: not valid JSON (${reason(err)})`;
    const at = Number(pos[1]);
    const before = text.slice(0, at);
    const line = before.split('\n').length;
    const column = at - before.lastIndexOf('\n');
    return `${file}, line ${line}, column ${column}: not valid JSON (${reason(err).replace(/ in JSON at position \d+/, '')})`;
  }
}
