// Bindings of generic type variables, built edge by edge across a whole graph.
//
// Each edge lets a value of the source port's type flow into the target port. Where the target has a
// type variable, the flow binds it to what arrives (first binding wins; a later, wider type widens it;
// two types that fit neither way are a conflict). Variables only bind from upstream: an unbound
// variable on the source side learns nothing from its target and ends as `any`.

import { ANY, mapVars, type PortType } from './ast.js';
import { isAssignable } from './assign.js';

type Var = Extract<PortType, { kind: 'var' }>;

/** Where a binding came from: an edge and its upstream end. */
export interface BindingSource {
  edgeId: string;
  nodeId: string;
  port: string;
}

export interface BindResult {
  changed: boolean;
  conflicts: Array<{
    variable: Var;
    bound: PortType;
    boundBy: BindingSource;
    incoming: PortType;
    incomingBy: BindingSource;
  }>;
}

function keyOf(v: Var): string {
  return `${v.scope ?? ''}\u0000${v.name}`;
}

function occurs(key: string, t: PortType): boolean {
  let found = false;
  mapVars(t, (v) => {
    if (keyOf(v) === key) found = true;
    return v;
  });
  return found;
}

export class TypeBindings {
  private readonly bindings = new Map<string, { type: PortType; by: BindingSource }>();

  /** `t` with bound variables substituted (recursively); unbound ones stay variables. */
  resolve(t: PortType): PortType {
    return mapVars(t, (v) => {
      const b = this.bindings.get(keyOf(v));
      return b ? this.resolve(b.type) : v;
    });
  }

  /** `t` fully resolved, with variables still unbound replaced by `any`. */
  finalize(t: PortType): PortType {
    return mapVars(this.resolve(t), () => ANY);
  }

  /** Records that values of type `source` flow into a port of type `target`. */
  flow(source: PortType, target: PortType, by: BindingSource): BindResult {
    const result: BindResult = { changed: false, conflicts: [] };
    this.match(this.resolve(source), target, by, result);
    return result;
  }

  private match(source: PortType, target: PortType, by: BindingSource, result: BindResult): void {
    switch (target.kind) {
      case 'var':
        return this.bindVar(source, target, by, result);
      case 'array':
        if (source.kind === 'array') this.match(source.element, target.element, by, result);
        return;
      case 'record':
      case 'table': {
        const want = target.kind === 'record' ? target.fields : target.columns;
        const have =
          source.kind === 'record' && target.kind === 'record'
            ? source.fields
            : source.kind === 'table' && target.kind === 'table'
              ? source.columns
              : null;
        if (!want || !have) return;
        for (const f of want) {
          const h = have.find((x) => x.name === f.name);
          if (h) this.match(h.type, f.type, by, result);
        }
        return;
      }
      default:
        return;
    }
  }

  private bindVar(source: PortType, target: Var, by: BindingSource, result: BindResult): void {
    const key = keyOf(target);
    const existing = this.bindings.get(key);
    if (!existing) {
      if (source.kind === 'var' && keyOf(source) === key) return;
      if (occurs(key, source)) return; // T := array<T> has no finite solution; the final check reports it.
      this.bindings.set(key, { type: source, by });
      result.changed = true;
      return;
    }
    const bound = this.resolve(existing.type);
    if (source.kind === 'var') return; // nothing known yet about what arrives
    if (bound.kind === 'var') {
      // An alias of a variable still unbound: a concrete type takes its place. Binding through the
      // alias instead would give an upstream node a type from a sibling edge.
      this.bindings.set(key, { type: source, by });
      result.changed = true;
      return;
    }
    if (isAssignable(source, bound).ok) return;
    if (isAssignable(bound, source).ok) {
      this.bindings.set(key, { type: source, by });
      result.changed = true;
      return;
    }
    result.conflicts.push({
      variable: target,
      bound,
      boundBy: existing.by,
      incoming: source,
      incomingBy: by,
    });
  }
}
