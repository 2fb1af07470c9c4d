// The React Flow canvas, controlled by the editor store: the flow nodes and edges are derived from
// the Workflow document, and every change React Flow reports becomes a store edit.

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  Background,
  BackgroundVariant,
  ControlButton,
  Controls,
  ReactFlow,
  useReactFlow,
  useStore as useFlowStore,
  type ReactFlowState,
  type Connection,
  type Edge,
  type EdgeChange,
  type FinalConnectionState,
  type IsValidConnection,
  type NodeChange,
  type NodeTypes,
  type EdgeTypes,
} from '@xyflow/react';
import type { Position } from '../../../engine/model/workflow.js';
import { checkConnection } from '../../../engine/check/index.js';
import { FlowDeriver, NOTE_PREFIX, type AnyFlowNode } from './derive.js';
import { useEditor, useEditorStore, type EditorState } from '../store/index.js';
import { EMPTY_SELECTION, type Selection } from '../store/edits.js';
import type { ContextMenuRequest } from '../store/uiSlice.js';
import { FlowNode } from './FlowNode.js';
import { NoteNode } from './NoteNode.js';
import { ConnectionHint } from './ConnectionHint.js';
import { OverviewCanvas } from './OverviewCanvas.js';
import { MINIMAP_ROOM, SIMPLE_ZOOM } from './layoutMetrics.js';
import { QuickAdd } from './QuickAdd.js';
import { CanvasMenu } from './CanvasMenu.js';
import { NODE_TYPE_MIME } from '../components/Palette.js';
import { useResolvedTheme } from '../theme.js';
import { pointer } from '../pointer.js';
import { useTextFieldFocus } from '../useTextFieldFocus.js';
import { RunEdge } from './RunEdge.js';
import { CanvasMiniMap } from './CanvasMiniMap.js';
import { boundsOf, nodeBoxes, openingViewport } from './graphBoxes.js';

const selectZoomedOut = (s: ReactFlowState) => s.transform[2] < SIMPLE_ZOOM;

const nodeTypes: NodeTypes = { sluice: FlowNode, note: NoteNode };
// Every edge draws its run counters and back-pressure (run/RunEdge.tsx); bezier like the default.
const edgeTypes: EdgeTypes = { run: RunEdge };
const DEFAULT_EDGE_OPTIONS = { type: 'run', interactionWidth: 16 };

const NO_EDGES: Edge[] = [];
const MULTI_SELECT_KEYS = ['Meta', 'Control'];
const MINIMAP_KEY = 'sluice.minimap';
/** Whether the minimap shows: the person's last choice (it can cover nodes on a small screen). */
function readMinimapShown(): boolean {
  return typeof localStorage === 'undefined' || localStorage.getItem(MINIMAP_KEY) !== 'hidden';
}
function writeMinimapShown(shown: boolean): void {
  try {
    localStorage.setItem(MINIMAP_KEY, shown ? 'shown' : 'hidden');
  } catch {
    // Not remembered: it still toggles.
  }
}
const selectDoc = (s: EditorState) => s.doc;
const selectDocEpoch = (s: EditorState) => s.docEpoch;
const selectSelection = (s: EditorState) => s.selection;
const selectTypes = (s: EditorState) => s.typesById;
const selectPortTypes = (s: EditorState) => s.portTypes;
const selectFaultyNodes = (s: EditorState) => s.faultyNodes;
const selectFaultyEdges = (s: EditorState) => s.faultyEdges;

function toNewEdge(c: Connection | Edge) {
  return {
    source: c.source,
    sourcePort: c.sourceHandle ?? '',
    target: c.target,
    targetPort: c.targetHandle ?? '',
  };
}

/** Applies React Flow's selection changes to a store selection. */
function applySelectChanges(
  sel: Selection,
  changes: Array<{ id: string; selected: boolean }>,
  kind: 'nodes' | 'edges',
): Selection {
  const nodes = new Set(sel.nodes);
  const notes = new Set(sel.notes);
  const edges = new Set(sel.edges);
  for (const c of changes) {
    if (kind === 'edges') {
      if (c.selected) edges.add(c.id);
      else edges.delete(c.id);
    } else if (c.id.startsWith(NOTE_PREFIX)) {
      const id = c.id.slice(NOTE_PREFIX.length);
      if (c.selected) notes.add(id);
      else notes.delete(id);
    } else if (c.selected) nodes.add(c.id);
    else nodes.delete(c.id);
  }
  return { nodes: [...nodes], edges: [...edges], notes: [...notes] };
}

export function Canvas() {
  const doc = useEditor(selectDoc);
  const selection = useEditor(selectSelection);
  const typesById = useEditor(selectTypes);
  const portTypes = useEditor(selectPortTypes);
  const faultyNodes = useEditor(selectFaultyNodes);
  const faultyEdges = useEditor(selectFaultyEdges);
  const theme = useResolvedTheme();
  const flow = useReactFlow();
  // A memo cache, not render state: one per canvas, kept for the canvas's lifetime.
  const [deriver] = useState(() => new FlowDeriver());
  const wrapper = useRef<HTMLDivElement>(null);
  const docEpoch = useEditor(selectDocEpoch);
  const [minimap, setMinimap] = useState(readMinimapShown);
  const toggleMinimap = useCallback(() => {
    setMinimap((shown) => {
      writeMinimapShown(!shown);
      return !shown;
    });
  }, []);
  // While a field has focus, every key is the field's: the canvas listens to none (Space pans).
  const typing = useTextFieldFocus();
  const editorStore = useEditorStore();

  // A document just opened or created: its saved view, else one that frames it (openingViewport).
  useEffect(() => {
    const { doc: opened, typesById: types } = editorStore.getState();
    const rect = wrapper.current?.getBoundingClientRect();
    if (opened.viewport) void flow.setViewport(opened.viewport);
    else if (rect) {
      const boxes = nodeBoxes(opened, types);
      const graph = boxes.size > 0 ? boundsOf(boxes.values()) : null;
      // Framed left of the minimap, which would cover the graph's right end on a small screen.
      const room = rect.width > 3 * MINIMAP_ROOM ? MINIMAP_ROOM : 0;
      void flow.setViewport(openingViewport(graph, rect.width - room, rect.height));
    }
  }, [docEpoch, flow, editorStore]);

  const input = useMemo(
    () => ({ doc, selection, typesById, portTypes, faultyNodes, faultyEdges }),
    [doc, selection, typesById, portTypes, faultyNodes, faultyEdges],
  );
  const zoomedOut = useFlowStore(selectZoomedOut);
  const derivedNodes = useMemo(() => deriver.nodes(input), [deriver, input]);
  const derivedEdges = useMemo(() => deriver.edges(input), [deriver, input]);
  // Zoomed out, OverviewCanvas draws the graph: React Flow keeps the nodes (for fit view, box
  // selection, the minimap) but renders none of them.
  const nodes = useMemo(
    () => (zoomedOut ? derivedNodes.map((n) => ({ ...n, hidden: true })) : derivedNodes),
    [zoomedOut, derivedNodes],
  );
  const edges = zoomedOut ? NO_EDGES : derivedEdges;

  const onNodesChange = useCallback(
    (changes: NodeChange<AnyFlowNode>[]) => {
      const store = editorStore.getState();
      const positions = new Map<string, Position>();
      let dragging = false;
      const selects: Array<{ id: string; selected: boolean }> = [];
      for (const c of changes) {
        if (c.type === 'position' && c.position) {
          const id = c.id.startsWith(NOTE_PREFIX) ? c.id.slice(NOTE_PREFIX.length) : c.id;
          positions.set(id, c.position);
          dragging ||= c.dragging === true;
        } else if (c.type === 'position' && c.dragging === false) {
          store.endGroup();
        } else if (c.type === 'select') {
          selects.push({ id: c.id, selected: c.selected });
        }
      }
      if (positions.size > 0) store.moveNodes(positions, dragging);
      if (selects.length > 0)
        store.select(applySelectChanges(editorStore.getState().selection, selects, 'nodes'));
    },
    [editorStore],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange[]) => {
      const selects = changes.flatMap((c) =>
        c.type === 'select' ? [{ id: c.id, selected: c.selected }] : [],
      );
      if (selects.length > 0) {
        const store = editorStore.getState();
        store.select(applySelectChanges(store.selection, selects, 'edges'));
      }
    },
    [editorStore],
  );

  const isValidConnection = useCallback<IsValidConnection>(
    (c) => {
      const { doc: w, typesById: types } = editorStore.getState();
      return checkConnection(w, types, toNewEdge(c)).ok;
    },
    [editorStore],
  );

  const onConnect = useCallback(
    (c: Connection) => {
      const store = editorStore.getState();
      const result = store.connect(toNewEdge(c));
      if (!result.ok) store.notify('error', result.message, 'edit');
    },
    [editorStore],
  );

  const onConnectEnd = useCallback(
    (event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      // A wire dropped on empty space opens quick-add, listing only node types that fit it.
      if (state.isValid || state.toNode || !state.fromNode || !state.fromHandle?.id) return;
      const point = 'changedTouches' in event ? event.changedTouches[0]! : event;
      const screen = { x: point.clientX, y: point.clientY };
      editorStore.getState().openQuickAdd({
        position: flow.screenToFlowPosition(screen),
        screen,
        from: { nodeId: state.fromNode.id, port: state.fromHandle.id, side: state.fromHandle.type },
      });
    },
    [flow, editorStore],
  );

  const onDoubleClick = useCallback(
    (e: React.MouseEvent) => {
      const target = e.target as HTMLElement;
      if (!target.classList.contains('react-flow__pane')) return;
      const screen = { x: e.clientX, y: e.clientY };
      editorStore.getState().openQuickAdd({ position: flow.screenToFlowPosition(screen), screen });
    },
    [flow, editorStore],
  );

  const openMenu = useCallback(
    (e: React.MouseEvent | MouseEvent, target: ContextMenuRequest['target']) => {
      e.preventDefault();
      const store = editorStore.getState();
      // Right-clicking something outside the selection selects it, as file managers do.
      if (target.kind !== 'canvas' && !store.selection[`${target.kind}s`].includes(target.id))
        store.select({ ...EMPTY_SELECTION, [`${target.kind}s`]: [target.id] });
      const screen = { x: e.clientX, y: e.clientY };
      store.openContextMenu({ target, screen, flow: flow.screenToFlowPosition(screen) });
    },
    [editorStore, flow],
  );
  const onNodeContextMenu = useCallback(
    (e: React.MouseEvent, node: AnyFlowNode) =>
      openMenu(
        e,
        node.id.startsWith(NOTE_PREFIX)
          ? { kind: 'note', id: node.id.slice(NOTE_PREFIX.length) }
          : { kind: 'node', id: node.id },
      ),
    [openMenu],
  );
  const onEdgeContextMenu = useCallback(
    (e: React.MouseEvent, edge: Edge) => openMenu(e, { kind: 'edge', id: edge.id }),
    [openMenu],
  );
  const onPaneContextMenu = useCallback(
    (e: React.MouseEvent | MouseEvent) => openMenu(e, { kind: 'canvas' }),
    [openMenu],
  );

  const onDragOver = useCallback((e: React.DragEvent) => {
    if (e.dataTransfer.types.includes(NODE_TYPE_MIME)) {
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
    }
  }, []);

  const onDrop = useCallback(
    (e: React.DragEvent) => {
      const type = e.dataTransfer.getData(NODE_TYPE_MIME);
      if (!type) return;
      e.preventDefault();
      const p = flow.screenToFlowPosition({ x: e.clientX, y: e.clientY });
      const store = editorStore.getState();
      const result = store.addNode(type, { x: p.x - 110, y: p.y - 20 });
      if (!result.ok) store.notify('error', result.message, 'edit');
    },
    [flow, editorStore],
  );

  const onMouseMove = useCallback(
    (e: React.MouseEvent) => {
      pointer.flow = flow.screenToFlowPosition({ x: e.clientX, y: e.clientY });
    },
    [flow],
  );

  return (
    <div
      className="canvas"
      ref={wrapper}
      data-testid="canvas"
      onDoubleClick={onDoubleClick}
      onDragOver={onDragOver}
      onDrop={onDrop}
      onMouseMove={onMouseMove}
    >
      <ReactFlow<AnyFlowNode>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        isValidConnection={isValidConnection}
        onNodeDragStop={() => editorStore.getState().endGroup()}
        onNodeContextMenu={onNodeContextMenu}
        onEdgeContextMenu={onEdgeContextMenu}
        onPaneContextMenu={onPaneContextMenu}
        colorMode={theme}
        onlyRenderVisibleElements
        deleteKeyCode={null}
        panActivationKeyCode={typing ? null : 'Space'}
        selectionKeyCode={typing ? null : 'Shift'}
        multiSelectionKeyCode={typing ? null : MULTI_SELECT_KEYS}
        zoomActivationKeyCode={typing ? null : undefined}
        zoomOnDoubleClick={false}
        panOnDrag={[0, 1]}
        minZoom={0.05}
        maxZoom={2.5}
        defaultViewport={doc.viewport ?? { x: 40, y: 40, zoom: 1 }}
        connectionRadius={28}
        proOptions={{ hideAttribution: true }}
        defaultEdgeOptions={DEFAULT_EDGE_OPTIONS}
      >
        <Background variant={BackgroundVariant.Dots} gap={20} size={1.2} />
        <Controls position="bottom-left" showInteractive={false}>
          <ControlButton
            onClick={toggleMinimap}
            title={minimap ? 'Hide the minimap' : 'Show the minimap'}
            aria-label={minimap ? 'Hide the minimap' : 'Show the minimap'}
            aria-pressed={minimap}
            data-testid="minimap-toggle"
          >
            <svg viewBox="0 0 16 16" aria-hidden>
              <path d="M1 3h14v10H1zM2.5 4.5v7h11v-7zM9 8h3.5v2.5H9z" fillRule="evenodd" />
            </svg>
          </ControlButton>
        </Controls>
        {/* Zoomed out, the overview canvas already shows the whole graph: no minimap to repaint. */}
        {!zoomedOut && minimap && <CanvasMiniMap />}
        <ConnectionHint />
        {zoomedOut && <OverviewCanvas />}
      </ReactFlow>
      <QuickAdd />
      <CanvasMenu />
    </div>
  );
}
