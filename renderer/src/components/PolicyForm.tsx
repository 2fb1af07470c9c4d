// The inspector's "Run policy" section: one field per NodePolicy field. Bounds (min, whole numbers)
// come from engine/model/policy.ts, as the file schema and the graph check take them, so a value the
// check refuses is marked here with the same words.

import { useId } from 'react';
import { POLICY_BOUNDS, policyValueError, type NumericPolicyField } from '../../../engine/model/policy.js';
import type { NodePolicy, WorkflowNode } from '../../../engine/model/workflow.js';
import { useEditorStore } from '../store/index.js';

/** Label, placeholder (the default when empty) and test id of each numeric field, in form order. */
const FIELDS: Record<NumericPolicyField, { label: string; placeholder: string; testId: string }> = {
  retries: { label: 'Retries', placeholder: '0', testId: 'policy-retries' },
  retryBackoffMs: { label: 'Retry backoff (ms)', placeholder: '200', testId: 'policy-retry-backoff' },
  retryBackoffMaxMs: {
    label: 'Longest backoff (ms)',
    placeholder: '30000',
    testId: 'policy-retry-backoff-max',
  },
  timeoutMs: { label: 'Timeout (ms)', placeholder: 'none', testId: 'policy-timeout' },
  memoryLimitMb: { label: 'Memory limit (MB)', placeholder: 'default', testId: 'policy-memory-limit' },
};

function NumberField({
  field,
  policy,
  update,
}: {
  field: NumericPolicyField;
  policy: NodePolicy;
  update: (patch: Partial<NodePolicy>) => void;
}) {
  const id = useId();
  const { label, placeholder, testId } = FIELDS[field];
  const bound = POLICY_BOUNDS[field];
  const value = policy[field];
  const error = value === undefined ? undefined : policyValueError(field, value);
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        className="field-input"
        type="number"
        min={bound.above ? undefined : bound.min}
        step={bound.integer ? 1 : 'any'}
        value={value ?? ''}
        placeholder={placeholder}
        aria-invalid={error !== undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => update({ [field]: e.target.value === '' ? undefined : Number(e.target.value) })}
        data-testid={testId}
      />
      {error && (
        <div id={`${id}-error`} className="field-error" role="alert" data-testid={`${testId}-error`}>
          {error}
        </div>
      )}
    </div>
  );
}

export function PolicyForm({ node }: { node: WorkflowNode }) {
  const policy = node.policy ?? {};
  const editorStore = useEditorStore();
  const update = (patch: Partial<NodePolicy>) =>
    editorStore.getState().setPolicy(node.id, { ...policy, ...patch });
  const id = useId();
  return (
    <details className="policy">
      <summary>Run policy</summary>
      {(Object.keys(FIELDS) as NumericPolicyField[]).map((field) => (
        <NumberField key={field} field={field} policy={policy} update={update} />
      ))}
      <div className="field field-inline">
        <label className="field-label" htmlFor={`${id}-allowfail`}>
          Allow failure
        </label>
        <input
          id={`${id}-allowfail`}
          type="checkbox"
          checked={policy.allowFail === true}
          onChange={(e) => update({ allowFail: e.target.checked })}
          data-testid="policy-allow-fail"
        />
      </div>
    </details>
  );
}
