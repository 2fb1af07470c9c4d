// The inspector: the selected node's form (label, parameters from its type's schema with inline
// validation, run policy: PolicyForm.tsx), or the workflow's own properties when nothing is selected.

import { useId, useMemo } from 'react';
import type { WorkflowNode } from '../../../engine/model/workflow.js';
import type { NodeTypeInfo } from '../../../engine/model/nodeTypeInfo.js';
import { validateParams } from '../../../engine/model/params.js';
import { useEditor, useEditorStore, type EditorState } from '../store/index.js';
import { ParamField } from './ParamField.js';
import { suggestedParamsOf } from '../store/checkSlice.js';
import { PolicyForm } from './PolicyForm.js';
import { Markdown } from './Markdown.js';
import { NodePorts } from '../canvas/NodePorts.js';
import { OutputPreview } from '../run/OutputPreview.js';

const selectSelection = (s: EditorState) => s.selection;
const selectDoc = (s: EditorState) => s.doc;
const selectTypes = (s: EditorState) => s.typesById;
const selectInferred = (s: EditorState) => s.inferred;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Strips the "Node "x": parameter "k" " prefix: beside the field, the field name is already shown. */
function shortMessage(message: string): string {
  return message.replace(/^Node "[^"]*": parameter "[^"]*" /, '');
}

function NodeForm({ node, info }: { node: WorkflowNode; info: NodeTypeInfo | undefined }) {
  const editorStore = useEditorStore();
  const labelId = useId();
  const inferred = useEditor(selectInferred);
  const suggested = suggestedParamsOf(inferred, node);
  const errors = useMemo(() => {
    const byKey = new Map<string, string>();
    if (info)
      for (const p of validateParams(info, node.params, node.id))
        if (p.field && !byKey.has(p.field)) byKey.set(p.field, shortMessage(p.message));
    return byKey;
  }, [info, node.params, node.id]);
  return (
    <div className="inspector-body" data-testid="inspector-node" data-node-id={node.id}>
      <div className="inspector-head">
        <div className="inspector-type">{info?.title ?? 'Unknown type'}</div>
        <div className="inspector-sub mono">
          {node.id} · {node.type}
        </div>
        {info?.description && (
          <Markdown text={info.description} className="inspector-desc" testId="inspector-desc" />
        )}
      </div>
      <div className="field">
        <label className="field-label" htmlFor={labelId}>
          Label
        </label>
        <input
          id={labelId}
          key={node.id}
          className="field-input"
          defaultValue={node.label ?? ''}
          placeholder={info?.title ?? node.type}
          onBlur={(e) => editorStore.getState().renameNode(node.id, e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') e.currentTarget.blur();
          }}
          data-testid="inspector-label"
        />
      </div>
      {info ? (
        info.params.length > 0 ? (
          <div className="inspector-section">
            <div className="section-title">Parameters</div>
            {info.params.map((spec) => (
              <ParamField
                key={`${node.id}:${spec.key}`}
                nodeId={node.id}
                spec={spec}
                value={node.params[spec.key]}
                error={errors.get(spec.key)}
                suggested={suggested[spec.key]}
              />
            ))}
          </div>
        ) : (
          <div className="empty-hint">This node type has no parameters.</div>
        )
      ) : (
        <div className="field-error">The host does not know the node type “{node.type}”.</div>
      )}
      <PolicyForm node={node} />
      <NodePorts nodeId={node.id} />
      <OutputPreview nodeId={node.id} />
    </div>
  );
}

function WorkflowForm() {
  const doc = useEditor(selectDoc);
  const editorStore = useEditorStore();
  const nameId = useId();
  return (
    <div className="inspector-body" data-testid="inspector-workflow">
      <div className="inspector-head">
        <div className="inspector-type">Workflow</div>
        <div className="inspector-sub">
          {plural(doc.nodes.length, 'node')} · {plural(doc.edges.length, 'edge')}
        </div>
      </div>
      <div className="field">
        <label className="field-label" htmlFor={nameId}>
          Name
        </label>
        <input
          id={nameId}
          key={doc.name}
          className="field-input"
          defaultValue={doc.name}
          onBlur={(e) => editorStore.getState().renameWorkflow(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') e.currentTarget.blur();
          }}
          data-testid="workflow-name-input"
        />
      </div>
      <div className="empty-hint">
        Select a node to edit its parameters. Double-click the canvas to add a node.
      </div>
    </div>
  );
}

export function Inspector({ width }: { width?: number }) {
  const selection = useEditor(selectSelection);
  const doc = useEditor(selectDoc);
  const types = useEditor(selectTypes);
  const single =
    selection.nodes.length === 1 && selection.notes.length === 0 ? selection.nodes[0] : undefined;
  const node = single === undefined ? undefined : doc.nodes.find((n) => n.id === single);
  const count = selection.nodes.length + selection.notes.length + selection.edges.length;
  return (
    <aside className="inspector" data-testid="inspector" aria-label="Inspector" style={{ width }}>
      <div className="panel-title">Inspector</div>
      {node ? (
        <NodeForm node={node} info={types.get(node.type)} />
      ) : count > 1 ? (
        <div className="inspector-body">
          <div className="empty-hint">{count} items selected.</div>
        </div>
      ) : (
        <WorkflowForm />
      )}
    </aside>
  );
}
