// Port colour by type family: a person tells a table port from a number port at a glance.
import { tryParseType } from '../../../engine/types/index.js';

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
