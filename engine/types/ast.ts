// The port type AST. One tagged union, shared by the parser, the formatter, assignability and the
// whole-graph inference. Fields keep their declared order: it is how columns are shown.

export const SCALAR_NAMES = [
  'number',
  'integer',
  'string',
  'boolean',
  'date',
  'timestamp',
  'file',
  'null',
] as const;

export type ScalarName = (typeof SCALAR_NAMES)[number];

export interface Field {
  name: string;
  type: PortType;
}

export type PortType =
  | { kind: 'scalar'; name: ScalarName }
  /** Any JSON value: accepts everything, fits only `json` and `any`. */
  | { kind: 'json' }
  /** The dynamic type: fits and accepts everything. */
  | { kind: 'any' }
  | { kind: 'array'; element: PortType }
  /** `fields: null` is plain `record`: a record of unknown shape. */
  | { kind: 'record'; fields: Field[] | null }
  /** `columns: null` is plain `table`. Column types are scalars, `json` or `any`. */
  | { kind: 'table'; columns: Field[] | null }
  /**
   * A generic type variable (`T`, `Row`). `scope` tells variables of different node instances apart
   * during whole-graph inference; it is never printed.
   */
  | { kind: 'var'; name: string; scope?: string };

export const ANY: PortType = { kind: 'any' };
export const JSON_TYPE: PortType = { kind: 'json' };

export function scalar(name: ScalarName): PortType {
  return { kind: 'scalar', name };
}

export function isScalarName(name: string): name is ScalarName {
  return (SCALAR_NAMES as readonly string[]).includes(name);
}

/** Calls `visit` for every type variable inside `t`. */
export function forEachVar(t: PortType, visit: (v: Extract<PortType, { kind: 'var' }>) => void): void {
  switch (t.kind) {
    case 'var':
      visit(t);
      return;
    case 'array':
      forEachVar(t.element, visit);
      return;
    case 'record':
      for (const f of t.fields ?? []) forEachVar(f.type, visit);
      return;
    case 'table':
      for (const c of t.columns ?? []) forEachVar(c.type, visit);
      return;
    default:
      return;
  }
}

/** Returns `t` with every type variable replaced by `replace(v)` (structure shared where unchanged). */
export function mapVars(t: PortType, replace: (v: Extract<PortType, { kind: 'var' }>) => PortType): PortType {
  switch (t.kind) {
    case 'var':
      return replace(t);
    case 'array':
      return { kind: 'array', element: mapVars(t.element, replace) };
    case 'record':
      return t.fields
        ? { kind: 'record', fields: t.fields.map((f) => ({ name: f.name, type: mapVars(f.type, replace) })) }
        : t;
    case 'table':
      return t.columns
        ? { kind: 'table', columns: t.columns.map((c) => ({ name: c.name, type: mapVars(c.type, replace) })) }
        : t;
    default:
      return t;
  }
}

/** Gives every type variable of `t` the scope of one node instance. */
export function scopeVars(t: PortType, scope: string): PortType {
  return mapVars(t, (v) => ({ kind: 'var', name: v.name, scope }));
}

/** Replaces every type variable by `any` (an unbound variable at the end of inference). */
export function eraseVars(t: PortType): PortType {
  return mapVars(t, () => ANY);
}
