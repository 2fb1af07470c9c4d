// A recorded table's column heads and one row of its cells, shared by the inspector's preview and the data view: nulls
// and numbers get their own class, objects show as JSON.

import type { TablePreview } from '../../../engine/hostApi/api.js';

export function cellText(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

const NUMERIC = new Set(['number', 'integer']);

/** Whether each column of `preview` holds numbers (right-aligned). */
export function numericColumns(preview: TablePreview): boolean[] {
  return preview.columns.map((c) => NUMERIC.has(c.type));
}

export function PreviewCells({
  preview,
  row,
  numeric,
}: {
  preview: TablePreview;
  row: Record<string, unknown>;
  numeric: boolean[];
}) {
  return preview.columns.map((c, k) => {
    const v = row[c.name];
    const kind = v === null || v === undefined ? 'null' : numeric[k] ? 'num' : undefined;
    return (
      <td key={c.name} className={kind}>
        {cellText(v)}
      </td>
    );
  });
}

/** The column heads: name, and its type under it. */
export function PreviewHeads({ preview }: { preview: TablePreview }) {
  return preview.columns.map((c) => (
    <th key={c.name} title={`${c.name}: ${c.type}`}>
      <span className="preview-col">{c.name}</span>
      <span className="preview-type">{c.type}</span>
    </th>
  ));
}
