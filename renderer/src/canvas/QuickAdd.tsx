// Quick-add: a search popup at the pointer, opened by double-clicking the canvas or dropping a wire
// on empty space (then only node types with a port that fits the wire are listed, and the new node
// is connected to it). Adding and connecting undo as one step.

import { useEffect, useMemo, useRef, useState } from 'react';
import type { NodeTypeInfo } from '../../../engine/model/nodeTypeInfo.js';
import { useEditor, useEditorStore, type EditorState } from '../store/index.js';
import { fittingEdge, insertionPorts, matchesSearch } from './fit.js';

const selectQuickAdd = (s: EditorState) => s.quickAdd;
const selectNodeTypes = (s: EditorState) => s.nodeTypes;

let quickAddSeq = 0;

export function QuickAdd() {
  const request = useEditor(selectQuickAdd);
  const nodeTypes = useEditor(selectNodeTypes);
  const editorStore = useEditorStore();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    setQuery('');
    setActive(0);
    if (request) inputRef.current?.focus();
  }, [request]);

  const candidates = useMemo(() => {
    if (!request) return [];
    const { doc, typesById } = editorStore.getState();
    return nodeTypes
      .filter((t) => matchesSearch(t, query))
      .flatMap((info): Array<{ info: NodeTypeInfo; edge: { port: string } | null }> => {
        if (request.insertOn !== undefined) {
          const ports = insertionPorts(doc, typesById, info, request.insertOn);
          return ports ? [{ info, edge: { port: `${ports.input} → ${ports.output}` } }] : [];
        }
        if (!request.from) return [{ info, edge: null }];
        const fit = fittingEdge(doc, typesById, info, request.from);
        return fit ? [{ info, edge: fit }] : [];
      });
  }, [request, nodeTypes, query, editorStore]);

  if (!request) return null;
  const close = () => editorStore.getState().openQuickAdd(null);
  const pick = (info: NodeTypeInfo) => {
    const store = editorStore.getState();
    const group = `quick-add:${++quickAddSeq}`;
    const fit = request.from ? fittingEdge(store.doc, store.typesById, info, request.from) : null;
    const insertOn = request.insertOn;
    const ports = insertOn === undefined ? null : insertionPorts(store.doc, store.typesById, info, insertOn);
    const edge = insertOn === undefined ? undefined : store.doc.edges.find((e) => e.id === insertOn);
    const added = store.addNode(info.type, request.position, group);
    if (added.ok && edge && ports) {
      // source → new node → target, replacing the edge: one undo step.
      store.removeEdges([edge.id], group);
      for (const e of [
        { source: edge.source, sourcePort: edge.sourcePort, target: added.value, targetPort: ports.input },
        { source: added.value, sourcePort: ports.output, target: edge.target, targetPort: edge.targetPort },
      ]) {
        const connected = store.connect(e, group);
        if (!connected.ok) store.notify('error', connected.message, 'edit');
      }
    } else if (added.ok && request.from && fit) {
      // The same port on the node just added; both edits share a group: one undo step.
      const edge =
        request.from.side === 'source'
          ? {
              source: request.from.nodeId,
              sourcePort: request.from.port,
              target: added.value,
              targetPort: fit.port,
            }
          : {
              source: added.value,
              sourcePort: fit.port,
              target: request.from.nodeId,
              targetPort: request.from.port,
            };
      const connected = store.connect(edge, group);
      if (!connected.ok) store.notify('error', connected.message, 'edit');
    }
    store.endGroup();
    close();
  };

  return (
    <div
      className="quick-add"
      data-testid="quick-add"
      style={{ left: request.screen.x, top: request.screen.y }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') close();
        else if (e.key === 'ArrowDown') setActive((a) => Math.min(a + 1, candidates.length - 1));
        else if (e.key === 'ArrowUp') setActive((a) => Math.max(a - 1, 0));
        else if (e.key === 'Enter' && candidates[active]) pick(candidates[active].info);
        else return;
        e.preventDefault();
      }}
    >
      <input
        ref={inputRef}
        className="search"
        placeholder={
          request.insertOn !== undefined
            ? 'Insert a node into this edge…'
            : request.from
              ? 'Add a node that fits this wire…'
              : 'Add a node…'
        }
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onBlur={(e) => {
          if (!e.currentTarget.parentElement?.contains(e.relatedTarget)) close();
        }}
        data-testid="quick-add-search"
      />
      <ul className="quick-add-list" role="listbox">
        {candidates.length === 0 && <li className="empty-hint">No node type fits.</li>}
        {candidates.slice(0, 40).map(({ info, edge }, i) => (
          <li
            key={info.type}
            role="option"
            aria-selected={i === active}
            className={i === active ? 'active' : ''}
            tabIndex={-1}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => pick(info)}
            data-testid={`quick-add-item-${info.type}`}
          >
            <span className="quick-add-title">{info.title}</span>
            <span className="quick-add-meta">{edge ? `→ ${edge.port}` : info.category}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
