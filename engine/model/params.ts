// Parameters of a node instance against its type's ParamSpec list: defaults and validation.
// Pure: the inspector shows the same problems the CLI prints.

import { tryParseType } from '../types/index.js';
import type { NodeTypeInfo, ParamSpec } from './nodeTypeInfo.js';
import type { Problem } from './problem.js';

type ParamEntry = { key: string } & ParamSpec;

/** `params` with every absent (undefined or null) parameter that has a default set to it. */
export function applyParamDefaults(
  info: NodeTypeInfo,
  params: Record<string, unknown> | undefined,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...(params ?? {}) };
  for (const spec of info.params) {
    if ((out[spec.key] === undefined || out[spec.key] === null) && spec.default !== undefined) {
      out[spec.key] = structuredCloneJson(spec.default);
    }
  }
  return out;
}

/** Every problem with the parameters of node `nodeId` (defaults count as given). */
export function validateParams(
  info: NodeTypeInfo,
  params: Record<string, unknown> | undefined,
  nodeId: string,
): Problem[] {
  const values = applyParamDefaults(info, params);
  const problems: Problem[] = [];
  const report = (key: string, message: string) =>
    problems.push({ code: 'bad-param', severity: 'error', message, nodeId, field: key });
  const known = new Set(info.params.map((p) => p.key));
  for (const key of Object.keys(values)) {
    if (known.has(key) || values[key] === undefined) continue;
    const list = info.params.length
      ? `; its parameters are ${info.params.map((p) => `"${p.key}"`).join(', ')}`
      : '';
    report(key, `Node "${nodeId}": unknown parameter "${key}" for type ${info.type}${list}`);
  }
  for (const spec of info.params) {
    const value = values[spec.key];
    const prefix = `Node "${nodeId}": parameter "${spec.key}"`;
    if (value === undefined || value === null || value === '') {
      if (spec.required) report(spec.key, `${prefix} is required`);
      continue;
    }
    const fault = checkValue(spec, value, info);
    if (fault) report(spec.key, `${prefix} ${fault}`);
  }
  return problems;
}

/** Why `value` does not suit `spec`, or undefined when it does. */
function checkValue(spec: ParamEntry, value: unknown, info: NodeTypeInfo): string | undefined {
  switch (spec.kind) {
    case 'string':
    case 'path':
    case 'code':
      return typeof value === 'string' ? undefined : `must be a string, not ${describe(value)}`;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : `must be true or false, not ${describe(value)}`;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value))
        return `must be a number, not ${describe(value)}`;
      if (spec.integer && !Number.isInteger(value)) return `must be a whole number, not ${value}`;
      if (spec.min !== undefined && value < spec.min) return `must be at least ${spec.min}, not ${value}`;
      if (spec.max !== undefined && value > spec.max) return `must be at most ${spec.max}, not ${value}`;
      if (spec.nonZero && value === 0) return 'must not be 0';
      return undefined;
    case 'choice':
      return typeof value === 'string' && spec.options.includes(value)
        ? undefined
        : `must be one of ${spec.options.map((o) => JSON.stringify(o)).join(', ')}, not ${describe(value)}`;
    case 'json':
      return undefined;
    case 'ports':
      return checkPortList(value, spec.direction, info);
  }
}

function checkPortList(
  value: unknown,
  direction: 'input' | 'output',
  info: NodeTypeInfo,
): string | undefined {
  if (!Array.isArray(value)) return `must be a list of ports ({ name, type }), not ${describe(value)}`;
  const taken = new Set((direction === 'input' ? info.inputs : info.outputs).map((p) => p.name));
  for (const [i, item] of value.entries()) {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      return `item ${i + 1} must be a port ({ name, type }), not ${describe(item)}`;
    }
    const { name, type } = item as { name?: unknown; type?: unknown };
    if (typeof name !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
      return `item ${i + 1}: port name ${JSON.stringify(name)} must be an identifier (letters, digits and "_")`;
    }
    if (taken.has(name)) return `declares the ${direction} "${name}" twice`;
    taken.add(name);
    if (typeof type !== 'string')
      return `${direction} "${name}": type must be a string, not ${describe(type)}`;
    const parsed = tryParseType(type);
    if (!parsed.ok) return `${direction} "${name}": ${parsed.error.message}`;
  }
  return undefined;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return String(value);
}

/** Defaults are shared by every node of a type: hand out a copy so nobody edits the spec. */
function structuredCloneJson(value: unknown): unknown {
  return value !== null && typeof value === 'object' ? (JSON.parse(JSON.stringify(value)) as unknown) : value;
}
