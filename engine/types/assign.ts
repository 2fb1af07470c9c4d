// Structural subtyping: may a value of type `source` flow into a port of type `target`?
//
// - `any` fits and accepts everything; `json` accepts everything but fits only `json` and `any`.
// - `integer` fits `number`; `date` and `timestamp` fit `string`.
// - `array<S>` fits `array<T>` when S fits T (arrays are read-only streams of values: covariant).
// - `record{…}`/`table{…}`: the source must have every field/column of the target, each fitting;
//   extra source fields are fine. Plain `record`/`table` as a target accepts any record/table; as a
//   source it is a record/table of unknown shape, which is accepted (it is checked at run time) —
//   otherwise every node whose columns are only known while it runs could feed nothing typed.
// - An unbound type variable behaves like `any`.

import type { Field, PortType } from './ast.js';
import { formatFieldName, formatType } from './format.js';

export type Assignability = { ok: true } | { ok: false; reason: string };

const OK: Assignability = { ok: true };

export function isAssignable(source: PortType, target: PortType): Assignability {
  const detail = mismatch(source, target);
  if (detail === undefined) return OK;
  const head = `${formatType(source)} does not fit ${formatType(target)}`;
  return { ok: false, reason: detail === '' ? head : `${head}: ${detail}` };
}

/** `undefined` when `source` fits `target`; otherwise why not ('' when the head says it all). */
function mismatch(source: PortType, target: PortType): string | undefined {
  if (target.kind === 'any' || target.kind === 'json' || source.kind === 'any') return undefined;
  if (source.kind === 'var' || target.kind === 'var') return undefined;
  switch (target.kind) {
    case 'scalar':
      return source.kind === 'scalar' && scalarFits(source.name, target.name) ? undefined : '';
    case 'array':
      if (source.kind !== 'array') return '';
      {
        const inner = mismatch(source.element, target.element);
        if (inner === undefined) return undefined;
        return `element ${formatType(source.element)} does not fit ${formatType(target.element)}${inner ? `: ${inner}` : ''}`;
      }
    case 'record':
      if (source.kind !== 'record') return '';
      return fieldsMismatch(source.fields, target.fields, 'field');
    case 'table':
      if (source.kind !== 'table') return '';
      return fieldsMismatch(source.columns, target.columns, 'column');
  }
}

function scalarFits(source: string, target: string): boolean {
  if (source === target) return true;
  if (target === 'number') return source === 'integer';
  if (target === 'string') return source === 'date' || source === 'timestamp';
  return false;
}

function fieldsMismatch(source: Field[] | null, target: Field[] | null, word: string): string | undefined {
  if (target === null || source === null) return undefined;
  for (const want of target) {
    const have = source.find((f) => f.name === want.name);
    const name = formatFieldName(want.name);
    if (!have) return `${word} ${name} is missing`;
    if (mismatch(have.type, want.type) !== undefined) {
      return `${word} ${name} is ${formatType(have.type)}, expected ${formatType(want.type)}`;
    }
  }
  return undefined;
}
