// Port colour by type family: a person tells a table port from a number port at a glance.
import { formatFieldName, formatType, tryParseType } from '../../../engine/types/index.js';

export type TypeFamily =
  'number' | 'string' | 'boolean' | 'time' | 'file' | 'json' | 'array' | 'record' | 'table' | 'generic';

export function typeFamily(expr: string): TypeFamily {
  const parsed = tryParseType(expr);
  if (!parsed.ok) return 'json';
  const t = parsed.type;
  switch (t.kind) {
    case 'scalar':
      if (t.name === 'number' || t.name === 'integer') return 'number';
      if (t.name === 'date' || t.name === 'timestamp') return 'time';
      if (t.name === 'string' || t.name === 'boolean' || t.name === 'file') return t.name;
      return 'json';
    case 'json':
      return 'json';
    case 'any':
    case 'var':
      return 'generic';
    default:
      return t.kind;
  }
}

/**
 * A type as the port's hover label shows it: a table or record with fields lists one field per
 * line (a CSV's dozen columns on one line would cross the canvas); anything else as written.
 */
export function displayType(expr: string): string {
  const parsed = tryParseType(expr);
  if (!parsed.ok) return expr;
  const t = parsed.type;
  const fields = t.kind === 'table' ? t.columns : t.kind === 'record' ? t.fields : null;
  if (!fields || fields.length < 3) return expr;
  const lines = fields.map((f) => `  ${formatFieldName(f.name)}: ${formatType(f.type)}`);
  return `${t.kind}{\n${lines.join(',\n')}\n}`;
}
