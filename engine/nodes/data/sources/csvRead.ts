// csv.read: a CSV/TSV file as a table ref (rows stay in the file until a node needs them).
import { defineNode } from '../../../sdk/index.js';
import { inferFileTable, resolveAgainst, runFileTable, validateFile, type FileSource } from './fileSource.js';
import { sendTable } from '../lib/tableIo.js';
import type { CsvReadOptions, TableRef } from '../lib/tableRef.js';

/** Params beyond the first four are optional: workflows saved before they existed still load. */
interface CsvReadParams {
  path: string;
  header: boolean;
  delimiter: string;
  quote?: string;
  escape?: string;
  comment?: string;
  dateFormat?: string;
  timestampFormat?: string;
  decimalSeparator?: '.' | ',';
  thousandsSeparator?: 'none' | ',' | '.' | 'space' | "'";
  nullString?: string;
  encoding?: 'utf-8' | 'utf-16' | 'latin-1';
  strict?: boolean;
  validate: boolean;
}

/** A one-character option: '' leaves it to the sniffer, `none` turns it off, `\t` is a tab. */
function char(value: string | undefined): string | undefined {
  if (!value) return undefined;
  if (value === 'none') return '';
  return value === '\\t' ? '\t' : value;
}

export function csvOptions(params: Partial<CsvReadParams>): CsvReadOptions {
  const o: CsvReadOptions = { header: params.header !== false };
  const delimiter = char(params.delimiter);
  if (delimiter) o.delimiter = delimiter;
  const quote = char(params.quote);
  if (quote !== undefined) o.quote = quote;
  const escape = char(params.escape);
  if (escape !== undefined) o.escape = escape;
  const comment = char(params.comment);
  if (comment !== undefined) o.comment = comment;
  if (params.dateFormat) o.dateFormat = params.dateFormat;
  if (params.timestampFormat) o.timestampFormat = params.timestampFormat;
  if (params.decimalSeparator === ',') o.decimalSeparator = ',';
  const thousands = params.thousandsSeparator;
  if (thousands && thousands !== 'none') o.thousandsSeparator = thousands === 'space' ? ' ' : thousands;
  if (params.nullString) o.nullString = params.nullString;
  if (params.encoding && params.encoding !== 'utf-8') o.encoding = params.encoding;
  if (params.strict === false) o.strict = false;
  return o;
}

function source(params: CsvReadParams, resolve: (p: string) => string): FileSource {
  return { kind: 'csv', path: resolve(params.path), options: csvOptions(params) };
}

/** The dialect the read uses, sniffed or set, as one log line (what the user would set to change it). */
function dialectLine(ref: TableRef): string | undefined {
  if (ref.source.kind !== 'csv') return undefined;
  const o = ref.source.options;
  const d = o.dialect;
  const show = (v: string | undefined): string => (v ? JSON.stringify(v) : 'none');
  return [
    `delimiter ${show(o.delimiter)}`,
    `quote ${show(d?.quote)}`,
    `escape ${show(d?.escape)}`,
    `comment ${show(d?.comment)}`,
    d?.dateFormat ? `date format ${d.dateFormat}` : '',
    d?.timestampFormat ? `timestamp format ${d.timestampFormat}` : '',
    `decimal separator ${show(o.decimalSeparator ?? '.')}`,
    o.thousandsSeparator ? `thousands separator ${show(o.thousandsSeparator)}` : '',
    `encoding ${o.encoding ?? 'utf-8'}`,
    o.strict === false ? 'not strict' : 'strict',
  ]
    .filter(Boolean)
    .join(', ');
}

/** A one-character option as the user writes it (`char`'s inverse). */
function charText(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (value === '' || value === '\0') return 'none';
  return value === '\t' ? '\\t' : value;
}

/**
 * What the sniffer chose for the dialect fields the user left empty, in the fields' own syntax: the
 * inspector shows them as those fields' defaults (issue 11).
 */
export function sniffedParams(params: Partial<CsvReadParams>, ref: TableRef): Record<string, string> {
  if (ref.source.kind !== 'csv') return {};
  const o = ref.source.options;
  const d = o.dialect;
  const found: Partial<Record<keyof CsvReadParams, string | undefined>> = {
    delimiter: charText(o.delimiter),
    quote: charText(d?.quote),
    escape: charText(d?.escape),
    comment: charText(d?.comment),
    dateFormat: d?.dateFormat,
    timestampFormat: d?.timestampFormat,
  };
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(found))
    if (value !== undefined && !params[key as keyof CsvReadParams]) out[key] = value;
  return out;
}

const auto = (what: string): string => `auto (sniffed; "none" for no ${what})`;

export default defineNode<CsvReadParams>({
  type: 'csv.read',
  title: 'Read CSV',
  category: 'Sources',
  description:
    'Reads a CSV or TSV file. Column types and the dialect are sniffed by DuckDB (the run logs what it used); set any of them to override.',
  inputs: [],
  outputs: [{ name: 'table', type: 'table', description: 'The file as a table reference.' }],
  params: [
    {
      key: 'path',
      kind: 'path',
      mode: 'open',
      extensions: ['csv', 'tsv', 'txt'],
      required: true,
      label: 'File',
    },
    { key: 'header', kind: 'boolean', default: true, label: 'First line is a header' },
    {
      key: 'delimiter',
      kind: 'string',
      default: '',
      label: 'Delimiter',
      placeholder: 'auto (write \\t for tab)',
    },
    {
      key: 'quote',
      kind: 'string',
      default: '',
      label: 'Quote',
      description: 'Empty: sniffed (" when the sample has none); `none` for no quoting.',
      placeholder: 'auto (sniffed, else ")',
    },
    {
      key: 'escape',
      kind: 'string',
      default: '',
      label: 'Escape',
      description: 'Empty: sniffed, else the quote doubled ("").',
      placeholder: 'auto (the quote doubled)',
    },
    {
      key: 'comment',
      kind: 'string',
      default: '',
      label: 'Comment',
      description: 'Lines starting with it are skipped. Empty: sniffed; `none` for no comments.',
      placeholder: auto('comments'),
    },
    {
      key: 'dateFormat',
      kind: 'string',
      default: '',
      label: 'Date format',
      description: 'strftime-style, e.g. %d/%m/%Y. Empty: sniffed.',
      placeholder: 'auto, e.g. %d/%m/%Y',
    },
    {
      key: 'timestampFormat',
      kind: 'string',
      default: '',
      label: 'Timestamp format',
      placeholder: 'auto, e.g. %d/%m/%Y %H:%M',
    },
    {
      key: 'decimalSeparator',
      kind: 'choice',
      options: ['.', ','],
      default: '.',
      label: 'Decimal separator',
    },
    {
      key: 'thousandsSeparator',
      kind: 'choice',
      options: ['none', ',', '.', 'space', "'"],
      default: 'none',
      label: 'Thousands separator',
      description: 'Digit groups in numbers, e.g. `.` for 1.234,5 (with `,` as the decimal separator).',
    },
    {
      key: 'nullString',
      kind: 'string',
      default: '',
      label: 'Null text',
      description: 'A field of exactly this text reads as NULL (an empty field always does).',
      placeholder: 'empty field',
    },
    {
      key: 'encoding',
      kind: 'choice',
      options: ['utf-8', 'utf-16', 'latin-1'],
      default: 'utf-8',
      label: 'Encoding',
    },
    {
      key: 'strict',
      kind: 'boolean',
      default: true,
      label: 'Strict',
      description:
        'Every row must follow the dialect: an unclosed or stray quote or a wrong field count fails the read, naming the line.',
    },
    {
      key: 'validate',
      kind: 'boolean',
      default: false,
      label: 'Check every row now',
      description: 'Reads the whole file in this node so a broken row fails here rather than downstream.',
    },
  ],
  async inferOutputs({ params, baseDir, share, suggest }) {
    return inferFileTable(
      params.path ? source(params, (p) => resolveAgainst(baseDir, p)) : undefined,
      share,
      (ref) => suggest?.(sniffedParams(params, ref)),
    );
  },
  async run(ctx) {
    ctx.progress({ fraction: 0, message: 'sniffing' });
    const ref = await runFileTable(ctx.nodeId, source(ctx.params, ctx.resolvePath), ctx.inferred, ctx.signal);
    const dialect = dialectLine(ref);
    if (dialect) ctx.log.info(`${ref.source.kind === 'csv' ? ref.source.path : ''}: ${dialect}`);
    if (ctx.params.validate) {
      const n = await validateFile(ctx.nodeId, ref, ctx.signal);
      ctx.log.info(`${n} rows checked`);
    }
    await sendTable(ctx, 'table', ref);
    ctx.progress({ fraction: 1 });
  },
});
