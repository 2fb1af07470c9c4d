// The node palette: node types from the host, grouped by category, with search. Drag an item onto
// the canvas to add it (or double-click it to add it in the middle of the view).

import { useMemo, useState } from 'react';
import { useReactFlow } from '@xyflow/react';
import type { NodeTypeInfo } from '../../../engine/model/nodeTypeInfo.js';
import { useEditor, useEditorStore, type EditorState } from '../store/index.js';
import { matchesSearch } from '../canvas/fit.js';
import { markdownPlainText } from './Markdown.js';

export const NODE_TYPE_MIME = 'application/x-sluice-node-type';

const selectNodeTypes = (s: EditorState) => s.nodeTypes;

function groupByCategory(types: NodeTypeInfo[]): Array<[string, NodeTypeInfo[]]> {
  const groups = new Map<string, NodeTypeInfo[]>();
  for (const t of types) groups.set(t.category, [...(groups.get(t.category) ?? []), t]);
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b));
}

export function Palette({ width }: { width?: number }) {
  const nodeTypes = useEditor(selectNodeTypes);
  const [query, setQuery] = useState('');
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const flow = useReactFlow();
  const editorStore = useEditorStore();
  const groups = useMemo(
    () => groupByCategory(nodeTypes.filter((t) => matchesSearch(t, query))),
    [nodeTypes, query],
  );

  const addInView = (type: string) => {
    const el = document.querySelector('.canvas');
    const rect = el?.getBoundingClientRect();
    const center = rect
      ? { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 }
      : { x: 300, y: 200 };
    const p = flow.screenToFlowPosition(center);
    editorStore.getState().addNode(type, { x: p.x - 110, y: p.y - 40 });
  };

  return (
    <aside className="palette" data-testid="palette" aria-label="Node palette" style={{ width }}>
      <div className="panel-title">Nodes</div>
      <input
        className="search"
        type="search"
        placeholder="Search nodes…"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        data-testid="palette-search"
      />
      <div className="palette-list">
        {groups.length === 0 && <div className="empty-hint">No node type matches “{query}”.</div>}
        {groups.map(([category, types]) => {
          const open = query !== '' || !collapsed.has(category);
          return (
            <section key={category} className="palette-group">
              <button
                className="palette-category"
                aria-expanded={open}
                onClick={() => {
                  const next = new Set(collapsed);
                  if (next.has(category)) next.delete(category);
                  else next.add(category);
                  setCollapsed(next);
                }}
              >
                <span className="chevron">{open ? '▾' : '▸'}</span> {category}
                <span className="count">{types.length}</span>
              </button>
              {open &&
                types.map((t) => (
                  <div
                    key={t.type}
                    className="palette-item"
                    draggable
                    title={`${markdownPlainText(t.description)}\nDrag onto the canvas, or double-click to add.`}
                    data-testid={`palette-item-${t.type}`}
                    onDragStart={(e) => {
                      e.dataTransfer.setData(NODE_TYPE_MIME, t.type);
                      e.dataTransfer.effectAllowed = 'copy';
                    }}
                    onDoubleClick={() => addInView(t.type)}
                  >
                    <span className={`palette-swatch cat-${categoryClass(t.category)}`} />
                    <span className="palette-item-text">
                      <span className="palette-item-title">{t.title}</span>
                      <span className="palette-item-type">{t.type}</span>
                    </span>
                  </div>
                ))}
            </section>
          );
        })}
      </div>
    </aside>
  );
}

export function categoryClass(category: string): string {
  return category.toLowerCase().replace(/[^a-z0-9]+/g, '-');
}
