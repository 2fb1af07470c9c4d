// A stream output's recorded first values as a table for the data view: objects flattened to one
// column per key (in the order keys first appear), anything else one `value` column; each column's
// type is what its values have in common. Pure.

import type { TablePreview } from '../../hostApi/api.js';

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function kindOf(v: unknown): string | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  if (typeof v === 'string' || typeof v === 'boolean') return typeof v;
  return 'json';
}

/** The type a column's values share: `integer` widens to `number`, anything else mixed is `json`. */
function columnType(values: readonly unknown[]): string {
  let type: string | undefined;
  for (const v of values) {
    const k = kindOf(v);
    if (k === undefined || k === type) continue;
    if (type === undefined) type = k;
    else if ((type === 'integer' && k === 'number') || (type === 'number' && k === 'integer'))
      type = 'number';
    else return 'json';
  }
  return type ?? 'json';
}

export function valuesTable(values: readonly unknown[], count: number): TablePreview {
  if (values.length > 0 && values.every(isPlainObject)) {
    const names: string[] = [];
    const seen = new Set<string>();
    for (const v of values)
      for (const k of Object.keys(v))
        if (!seen.has(k)) {
          seen.add(k);
          names.push(k);
        }
    return {
      kind: 'values',
      columns: names.map((name) => ({ name, type: columnType(values.map((v) => v[name])) })),
      rowCount: count,
      rows: values.map((v) => ({ ...v })),
    };
  }
  return {
    kind: 'values',
    columns: [{ name: 'value', type: columnType(values) }],
    rowCount: count,
    rows: values.map((value) => ({ value })),
  };
}
