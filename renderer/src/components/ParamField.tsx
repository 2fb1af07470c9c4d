// One form field for one parameter, chosen by the parameter's kind. Typing in a field is one undo
// step (a group per node and key, closed on blur).

import { lazy, Suspense, useId, useMemo, useState } from 'react';
import type { ParamSpec } from '../../../engine/model/nodeTypeInfo.js';
import { useEditorStore } from '../store/index.js';
import { Markdown } from './Markdown.js';

const CodeField = lazy(() => import('./CodeField.js'));

export type ParamEntry = { key: string } & ParamSpec;

interface Props {
  nodeId: string;
  spec: ParamEntry;
  value: unknown;
  error: string | undefined;
  /** What the node worked out for this field while it is empty (a sniffed delimiter): its default. */
  suggested?: string | undefined;
}

/** The control's id and its label's id: every control is named by its <label>. */
type ControlProps = Props & { id: string; labelId: string };

/** Sets this parameter (one undo group per node and key while typing) and closes the group. */
function useParamEdit(nodeId: string, key: string) {
  const store = useEditorStore();
  return useMemo(
    () => ({
      set: (value: unknown) => store.getState().setParam(nodeId, key, value, `param:${nodeId}:${key}`),
      endGroup: () => store.getState().endGroup(),
    }),
    [store, nodeId, key],
  );
}

function JsonField({ nodeId, spec, value, id }: ControlProps) {
  const { set, endGroup } = useParamEdit(nodeId, spec.key);
  const [draft, setDraft] = useState(() => (value === undefined ? '' : JSON.stringify(value, null, 2)));
  const [parseError, setParseError] = useState<string | null>(null);
  return (
    <>
      <textarea
        id={id}
        className="field-input mono"
        rows={5}
        value={draft}
        onChange={(e) => {
          setDraft(e.target.value);
          if (e.target.value.trim() === '') {
            setParseError(null);
            set(undefined);
            return;
          }
          try {
            set(JSON.parse(e.target.value));
            setParseError(null);
          } catch (err) {
            setParseError(`Not valid JSON: ${(err as Error).message}`);
          }
        }}
        onBlur={endGroup}
        data-testid={`param-${spec.key}`}
      />
      {parseError && <div className="field-error">{parseError}</div>}
    </>
  );
}

type PortItem = { name: string; type: string };

function PortsField({
  nodeId,
  spec,
  value,
  labelId,
}: ControlProps & { spec: Extract<ParamEntry, { kind: 'ports' }> }) {
  const { set, endGroup } = useParamEdit(nodeId, spec.key);
  const items: PortItem[] = Array.isArray(value) ? (value as PortItem[]) : [];
  const update = (next: PortItem[]) => set(next);
  return (
    <div className="ports-field" role="group" aria-labelledby={labelId} data-testid={`param-${spec.key}`}>
      {items.map((item, i) => (
        <div className="ports-row" key={i}>
          <input
            className="field-input"
            value={item.name}
            placeholder="name"
            aria-label={`Port ${i + 1} name`}
            onChange={(e) => update(items.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)))}
            onBlur={endGroup}
          />
          <input
            className="field-input mono"
            value={item.type}
            placeholder="type"
            aria-label={`Port ${i + 1} type`}
            onChange={(e) => update(items.map((x, j) => (j === i ? { ...x, type: e.target.value } : x)))}
            onBlur={endGroup}
          />
          <button
            className="icon-button"
            title="Remove port"
            onClick={() => update(items.filter((_, j) => j !== i))}
          >
            ×
          </button>
        </div>
      ))}
      <button
        className="link-button"
        onClick={() => {
          update([
            ...items,
            { name: `${spec.direction === 'input' ? 'in' : 'out'}${items.length + 1}`, type: 'json' },
          ]);
          endGroup();
        }}
      >
        + Add {spec.direction}
      </button>
    </div>
  );
}

function Control(props: ControlProps) {
  const { nodeId, spec, value, id, labelId } = props;
  const { set, endGroup } = useParamEdit(nodeId, spec.key);
  const testId = `param-${spec.key}`;
  switch (spec.kind) {
    case 'boolean':
      return (
        <input
          type="checkbox"
          checked={value === true}
          onChange={(e) => {
            set(e.target.checked);
            endGroup();
          }}
          id={id}
          data-testid={testId}
        />
      );
    case 'number':
      return (
        <input
          className="field-input"
          type="number"
          value={typeof value === 'number' ? String(value) : ''}
          min={spec.min}
          max={spec.max}
          step={spec.integer ? 1 : 'any'}
          onChange={(e) => set(e.target.value === '' ? undefined : Number(e.target.value))}
          onBlur={endGroup}
          id={id}
          data-testid={testId}
        />
      );
    case 'choice':
      return (
        <select
          className="field-input"
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => {
            set(e.target.value);
            endGroup();
          }}
          id={id}
          data-testid={testId}
        >
          {typeof value !== 'string' && <option value="">—</option>}
          {spec.options.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      );
    case 'json':
      return <JsonField {...props} />;
    case 'ports':
      return <PortsField {...props} spec={spec} />;
    case 'code':
      return (
        <Suspense fallback={<div className="code-field loading">Loading editor…</div>}>
          <CodeField
            value={typeof value === 'string' ? value : ''}
            language={spec.language}
            onChange={(v) => set(v)}
            onBlur={endGroup}
            testId={testId}
            labelId={labelId}
          />
        </Suspense>
      );
    case 'string':
      if (spec.multiline) {
        return (
          <textarea
            className="field-input"
            rows={4}
            value={typeof value === 'string' ? value : ''}
            placeholder={spec.placeholder}
            onChange={(e) => set(e.target.value)}
            onBlur={endGroup}
            id={id}
            data-testid={testId}
          />
        );
      }
      return (
        <input
          className="field-input"
          value={typeof value === 'string' ? value : ''}
          placeholder={props.suggested !== undefined ? `${props.suggested} (sniffed)` : spec.placeholder}
          onChange={(e) => set(e.target.value)}
          onBlur={endGroup}
          id={id}
          data-testid={testId}
        />
      );
    case 'path':
      return (
        <input
          className="field-input mono"
          value={typeof value === 'string' ? value : ''}
          placeholder={spec.extensions ? `*${spec.extensions.join(', *')}` : 'relative to the workflow file'}
          onChange={(e) => set(e.target.value)}
          onBlur={endGroup}
          id={id}
          data-testid={testId}
        />
      );
  }
}

export function ParamField(props: Props) {
  const { spec, error } = props;
  const inline = spec.kind === 'boolean';
  const id = useId();
  const labelId = `${id}-label`;
  // Monaco and a port list are no form controls: they are named by aria-labelledby instead.
  const labelable = spec.kind !== 'code' && spec.kind !== 'ports';
  return (
    <div
      className={`field${error ? ' has-error' : ''}${inline ? ' field-inline' : ''}`}
      data-testid={`field-${spec.key}`}
    >
      <label className="field-label" id={labelId} htmlFor={labelable ? id : undefined}>
        {spec.label ?? spec.key}
        {spec.required && <span className="required">*</span>}
      </label>
      <Control {...props} id={id} labelId={labelId} />
      {spec.description && !inline && <Markdown text={spec.description} className="field-help" />}
      {error && (
        <div className="field-error" role="alert" data-testid={`param-error-${spec.key}`}>
          {error}
        </div>
      )}
    </div>
  );
}
