// Table port types ↔ the columns of a table ref. Port types are written and read with the shared
// type module (engine/types), so the canvas and the checker see the same schema the ref carries.

import { formatType } from '../../../types/format.js';
import type { PortType } from '../../../types/ast.js';
import { isScalarName } from '../../../types/ast.js';
import { tryParseType } from '../../../types/parse.js';
import { dbTypeOf, type TableColumn } from './tableRef.js';

/** `table{date:date,temp:number}` for a list of columns. */
export function tableTypeOf(columns: TableColumn[]): string {
  const t: PortType = {
    kind: 'table',
    columns: columns.map((c) => ({
      name: c.name,
      type:
        c.type === 'json'
          ? { kind: 'json' }
          : isScalarName(c.type)
            ? { kind: 'scalar', name: c.type }
            : { kind: 'any' },
    })),
  };
  return formatType(t);
}

/** Columns of a parsed table type; null when the type is not a table or its columns are unknown. */
export function columnsOfPortType(t: PortType): TableColumn[] | null {
  if (t.kind !== 'table' || !t.columns) return null;
  return t.columns.map((c) => {
    const type = c.type.kind === 'scalar' ? c.type.name : c.type.kind === 'json' ? 'json' : 'string';
    return { name: c.name, type, dbType: dbTypeOf(type) };
  });
}

/** Columns of a table type expression (an inferred input type); null when unknown or not a table. */
export function columnsOfTypeExpr(expr: string | undefined): TableColumn[] | null {
  if (!expr) return null;
  const parsed = tryParseType(expr);
  return parsed.ok ? columnsOfPortType(parsed.type) : null;
}
