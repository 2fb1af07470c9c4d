// Canonical text of a port type: no spaces, fields in declared order. Used in every message.

import type { Field, PortType } from './ast.js';

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function formatType(t: PortType): string {
  switch (t.kind) {
    case 'scalar':
      return t.name;
    case 'json':
    case 'any':
      return t.kind;
    case 'var':
      return t.name;
    case 'array':
      return `array<${formatType(t.element)}>`;
    case 'record':
      return t.fields ? `record{${formatFields(t.fields)}}` : 'record';
    case 'table':
      return t.columns ? `table{${formatFields(t.columns)}}` : 'table';
  }
}

/** A field name as written in a type: bare when it is an identifier, else a JSON string. */
export function formatFieldName(name: string): string {
  return IDENTIFIER.test(name) ? name : JSON.stringify(name);
}

function formatFields(fields: Field[]): string {
  return fields.map((f) => `${formatFieldName(f.name)}:${formatType(f.type)}`).join(',');
}
