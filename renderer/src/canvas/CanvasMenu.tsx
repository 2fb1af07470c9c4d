// The canvas's right-click menus: on a node (rename, duplicate, delete, disable, bypass, run to here, show
// data), a note, an edge (delete, insert a node, show counts) and the empty canvas (add a node, paste,
// select all, auto-layout). Each action is the same store edit or command as its button or key.
import { useCallback } from 'react';
import { useReactFlow } from '@xyflow/react';
import { useEditor, useEditorStore, type EditorState, type EditorStore } from '../store/index.js';
import type { ContextMenuRequest } from '../store/uiSlice.js';
import { ContextMenu, type MenuEntry } from '../components/ContextMenu.js';
import { runAutoLayout } from '../commands.js';
import { useRunSession } from '../run/context.js';
import { usePanelStore } from '../run/panelStore.js';
import { useRunStore } from '../run/runStore.js';
import { nodeMode } from '../../../engine/model/workflow.js';

const selectMenu = (s: EditorState) => s.contextMenu;
const MOD = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform) ? '⌘' : 'Ctrl+';

export function CanvasMenu() {
  const request = useEditor(selectMenu);
  const store = useEditorStore();
  const close = useCallback(() => store.getState().openContextMenu(null), [store]);
  const entries = useMenuEntries(request);
  if (!request || !entries) return null;
  return (
    <ContextMenu
      label={`${request.target.kind === 'canvas' ? 'Canvas' : request.target.kind} actions`}
      at={request.screen}
      entries={entries}
      onClose={close}
      testId={`context-menu-${request.target.kind}`}
    />
  );
}

function useMenuEntries(request: ContextMenuRequest | null): MenuEntry[] | null {
  const store = useEditorStore();
  const flow = useReactFlow();
  const session = useRunSession();
  const panel = usePanelStore();
  const runs = useRunStore();
  if (!request) return null;
  const state = store.getState();
  const { target } = request;

  if (target.kind === 'node') {
    const node = state.doc.nodes.find((n) => n.id === target.id);
    if (!node) return null;
    // The menu acts on the selection when the node is part of it, else on the node alone.
    const ids = state.selection.nodes.includes(node.id) ? state.selection.nodes : [node.id];
    const mode = nodeMode(node);
    return [
      {
        id: 'rename',
        label: 'Rename…',
        run: () => {
          state.select({ nodes: [node.id], edges: [], notes: [] });
          requestAnimationFrame(() =>
            document.querySelector<HTMLInputElement>('[data-testid="inspector-label"]')?.select(),
          );
        },
      },
      { id: 'duplicate', label: 'Duplicate', shortcut: `${MOD}D`, run: () => state.duplicateSelection() },
      { id: 'copy', label: 'Copy', shortcut: `${MOD}C`, run: () => copyToClipboard(store) },
      { id: 'delete', label: 'Delete', shortcut: 'Del', run: () => state.deleteSelection() },
      '-',
      mode === 'disabled'
        ? { id: 'enable', label: 'Enable', run: () => state.setNodeMode(ids, 'active') }
        : { id: 'disable', label: 'Disable (skip when run)', run: () => state.setNodeMode(ids, 'disabled') },
      mode === 'bypassed'
        ? { id: 'unbypass', label: 'Stop bypassing', run: () => state.setNodeMode(ids, 'active') }
        : {
            id: 'bypass',
            label: 'Bypass (pass input through)',
            run: () => state.setNodeMode(ids, 'bypassed'),
          },
      { id: 'run-to-here', label: 'Run to here', run: () => void session.start({ upTo: node.id }) },
      {
        id: 'show-data',
        label: 'Show data',
        run: () => {
          state.select({ nodes: [node.id], edges: [], notes: [] });
          panel.getState().show('data');
        },
      },
    ];
  }
  if (target.kind === 'note') {
    return [
      { id: 'duplicate', label: 'Duplicate', shortcut: `${MOD}D`, run: () => state.duplicateSelection() },
      { id: 'delete', label: 'Delete', shortcut: 'Del', run: () => state.deleteSelection() },
    ];
  }
  if (target.kind === 'edge') {
    const edge = state.doc.edges.find((e) => e.id === target.id);
    if (!edge) return null;
    return [
      {
        id: 'delete',
        label: 'Delete',
        shortcut: 'Del',
        run: () => {
          state.select({ nodes: [], edges: [edge.id], notes: [] });
          store.getState().deleteSelection();
        },
      },
      {
        id: 'insert-node',
        label: 'Insert node…',
        run: () => state.openQuickAdd({ position: request.flow, screen: request.screen, insertOn: edge.id }),
      },
      {
        id: 'show-counts',
        label: 'Show counts',
        run: () => {
          const count = runs.getState().run?.edges[edge.id];
          state.notify(
            'info',
            count
              ? `${edge.source}.${edge.sourcePort} → ${edge.target}.${edge.targetPort}: ${count.sent} sent · ${count.received} received${count.full ? ' · channel full' : ''}`
              : `${edge.source} → ${edge.target}: no counts yet (run the workflow)`,
          );
        },
      },
    ];
  }
  return [
    {
      id: 'add-node',
      label: 'Add node…',
      run: () => state.openQuickAdd({ position: request.flow, screen: request.screen }),
    },
    {
      id: 'paste',
      label: 'Paste',
      shortcut: `${MOD}V`,
      run: () => {
        navigator.clipboard.readText().then(
          (text) => {
            const result = store.getState().pasteText(text, request.flow);
            if (!result.ok) store.getState().notify('error', result.message, 'edit');
          },
          () => store.getState().notify('error', `Cannot read the clipboard here: press ${MOD}V to paste.`),
        );
      },
    },
    { id: 'select-all', label: 'Select all', shortcut: `${MOD}A`, run: () => state.selectAll() },
    { id: 'auto-layout', label: 'Auto-layout', run: () => void runAutoLayout(store, flow) },
  ];
}

function copyToClipboard(store: EditorStore): void {
  const text = store.getState().copySelection();
  if (text === null) return;
  navigator.clipboard
    .writeText(text)
    .catch(() =>
      store.getState().notify('error', `Cannot write to the clipboard here: press ${MOD}C to copy.`),
    );
}
