// The bounds of each numeric field of a node's run policy (NodePolicy), in one place: the file schema
// (schema.ts), the graph check (check/limits.ts) and the inspector's fields all read them. Pure.

import type { NodePolicy } from './workflow.js';

export type NumericPolicyField = Exclude<keyof NodePolicy, 'allowFail'>;

export interface PolicyBound {
  /** The smallest value allowed; with `above`, values must be greater than it. */
  min: number;
  above?: true;
  integer: boolean;
  /** How the value reads in a message: "ms", "MB", or "" for a count. */
  unit: string;
}

export const POLICY_BOUNDS: Readonly<Record<NumericPolicyField, PolicyBound>> = {
  retries: { min: 0, integer: true, unit: '' },
  retryBackoffMs: { min: 0, integer: false, unit: 'ms' },
  retryBackoffMaxMs: { min: 0, integer: false, unit: 'ms' },
  timeoutMs: { min: 0, above: true, integer: false, unit: 'ms' },
  // Below this a Node.js process cannot even start its heap.
  memoryLimitMb: { min: 32, integer: true, unit: 'MB' },
};

export const NUMERIC_POLICY_FIELDS = Object.keys(POLICY_BOUNDS) as NumericPolicyField[];

/** What is wrong with `value` for `field` ("must be a whole number", …), or undefined when it fits. */
export function policyValueError(field: NumericPolicyField, value: number): string | undefined {
  const b = POLICY_BOUNDS[field];
  const unit = b.unit ? ` ${b.unit}` : '';
  if (!Number.isFinite(value)) return 'must be a number';
  if (b.integer && !Number.isInteger(value)) return 'must be a whole number';
  if (b.above && value <= b.min) return `must be more than ${b.min}${unit}`;
  if (value < b.min) return `must be at least ${b.min}${unit}`;
  return undefined;
}
