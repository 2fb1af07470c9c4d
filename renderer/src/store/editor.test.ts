import { describe, expect, it } from 'vitest';
import type { NodeTypeInfo } from '../../../engine/model/nodeTypeInfo.js';
import { serializeWorkflow } from '../../../engine/model/save.js';
import type { Workflow } from '../../../engine/model/workflow.js';
import { createEditorStore, type EditorStore } from './index.js';

// Node types as the host lists them (`nodes:list`): plain data.
const TYPES: NodeTypeInfo[] = [
  {
    type: 'test.rows',
    title: 'Rows',
    category: 'Sources',
    description: 'Emits a table.',
    inputs: [],
    outputs: [{ name: 'table', type: 'table{id:number}' }],
    params: [{ key: 'count', kind: 'number', default: 3 }],
  },
  {
    type: 'test.numbers',
    title: 'Numbers',
    category: 'Sources',
    description: 'Emits numbers.',
    inputs: [],
    outputs: [{ name: 'out', type: 'number' }],
    params: [],
  },
  {
    type: 'test.double',
    title: 'Double',
    category: 'Transform',
    description: 'Doubles numbers.',
    inputs: [{ name: 'in', type: 'number' }],
    outputs: [{ name: 'out', type: 'number' }],
    params: [{ key: 'factor', kind: 'number', default: 2 }],
  },
  {
    type: 'test.pass',
    title: 'Pass',
    category: 'Transform',
    description: 'Passes values through.',
    inputs: [{ name: 'in', type: 'T' }],
    outputs: [{ name: 'out', type: 'T' }],
    params: [{ key: 'code', kind: 'code', language: 'javascript', default: 'x => x' }],
  },
];

function storeWith(doc?: Workflow): EditorStore {
  const store = createEditorStore({ checkDelayMs: 0 });
  store.getState().setNodeTypes(TYPES);
  if (doc)
    expect(store.getState().loadDocument('a.sluice.json', serializeWorkflow(doc))).toEqual({ ok: true });
  return store;
}

const BASE: Workflow = {
  sluice: 1,
  name: 'Base',
  nodes: [
    { id: 'numbers1', type: 'test.numbers', params: {}, position: { x: 0, y: 0 } },
    { id: 'double1', type: 'test.double', params: { factor: 2 }, position: { x: 300, y: 0 } },
    { id: 'pass1', type: 'test.pass', params: { code: 'x => x' }, position: { x: 600, y: 0 } },
  ],
  edges: [{ id: 'e1', source: 'numbers1', sourcePort: 'out', target: 'double1', targetPort: 'in' }],
};

type Edit = (s: EditorStore) => void;

const EDITS: Record<string, Edit> = {
  'add node': (s) => expect(s.getState().addNode('test.double', { x: 10, y: 20 }).ok).toBe(true),
  'move (a drag of several frames)': (s) => {
    s.getState().moveNodes(new Map([['double1', { x: 310, y: 5 }]]), true);
    s.getState().moveNodes(new Map([['double1', { x: 330, y: 15 }]]), true);
    s.getState().moveNodes(new Map([['double1', { x: 350, y: 25 }]]), false);
  },
  connect: (s) =>
    expect(
      s.getState().connect({ source: 'double1', sourcePort: 'out', target: 'pass1', targetPort: 'in' }).ok,
    ).toBe(true),
  'delete a node and its edges': (s) => {
    s.getState().select({ nodes: ['double1'], edges: [], notes: [] });
    s.getState().deleteSelection();
  },
  'delete an edge': (s) => {
    s.getState().select({ nodes: [], edges: ['e1'], notes: [] });
    s.getState().deleteSelection();
  },
  'set a parameter (typing is one step)': (s) => {
    s.getState().setParam('pass1', 'code', 'x => x *', 'typing');
    s.getState().setParam('pass1', 'code', 'x => x * 2', 'typing');
    s.getState().endGroup();
  },
  rename: (s) => s.getState().renameNode('double1', 'Twice'),
  policy: (s) => s.getState().setPolicy('double1', { retries: 2, timeoutMs: 5000, allowFail: true }),
  'add a note': (s) => s.getState().addNote({ x: 0, y: 200 }),
  'rename the workflow': (s) => s.getState().renameWorkflow('Renamed'),
  duplicate: (s) => {
    s.getState().select({ nodes: ['numbers1', 'double1'], edges: [], notes: [] });
    s.getState().duplicateSelection();
  },
  paste: (s) => {
    s.getState().select({ nodes: ['numbers1', 'double1'], edges: [], notes: [] });
    const text = s.getState().copySelection()!;
    expect(s.getState().pasteText(text, { x: 0, y: 400 }).ok).toBe(true);
  },
  import: (s) => {
    const other: Workflow = {
      sluice: 1,
      name: 'Other',
      nodes: [{ id: 'double1', type: 'test.double', params: { factor: 3 }, position: { x: 0, y: 0 } }],
      edges: [],
    };
    expect(s.getState().pasteText(serializeWorkflow(other), undefined, 'Import').ok).toBe(true);
  },
  'auto-layout positions': (s) =>
    s.getState().applyPositions(
      new Map([
        ['numbers1', { x: 0, y: 100 }],
        ['pass1', { x: 900, y: 100 }],
      ]),
      'Auto-layout',
    ),
};

describe('editor store: every edit is undoable and redoable', () => {
  for (const [name, edit] of Object.entries(EDITS)) {
    it(name, () => {
      const store = storeWith(BASE);
      const before = store.getState().serialize();
      edit(store);
      const after = store.getState().serialize();
      expect(after).not.toBe(before);
      expect(store.getState().undoStack).toHaveLength(1);
      expect(store.getState().isDirty()).toBe(true);
      store.getState().undo();
      expect(store.getState().serialize()).toBe(before);
      expect(store.getState().isDirty()).toBe(false);
      store.getState().redo();
      expect(store.getState().serialize()).toBe(after);
      store.getState().undo();
      store.getState().undo(); // nothing left: no-op
      expect(store.getState().serialize()).toBe(before);
    });
  }

  it('undoes and redoes a sequence of different edits in order', () => {
    const store = storeWith(BASE);
    const texts = [store.getState().serialize()];
    for (const edit of Object.values(EDITS)) {
      store.getState().select({ nodes: [], edges: [], notes: [] });
      const steps = store.getState().undoStack.length;
      edit(store);
      // Some edits find nothing to do after earlier ones (deleting an edge already gone).
      if (store.getState().undoStack.length > steps) texts.push(store.getState().serialize());
    }
    expect(texts.length).toBeGreaterThan(10);
    for (let i = texts.length - 2; i >= 0; i--) {
      store.getState().undo();
      expect(store.getState().serialize()).toBe(texts[i]);
    }
    for (let i = 1; i < texts.length; i++) {
      store.getState().redo();
      expect(store.getState().serialize()).toBe(texts[i]);
    }
  });

  it('a new edit after undo clears the redo stack', () => {
    const store = storeWith(BASE);
    store.getState().renameNode('double1', 'A');
    store.getState().undo();
    store.getState().renameNode('double1', 'B');
    expect(store.getState().redoStack).toHaveLength(0);
    store.getState().redo();
    expect(store.getState().doc.nodes.find((n) => n.id === 'double1')!.label).toBe('B');
  });
});

describe('editor store: clipboard', () => {
  for (const [what, text] of [
    ['plain text', 'hello world'],
    ['truncated JSON', '{"sluice": 1, "name": "x", "nodes": ['],
    ['JSON of another shape', '{"foo": 1}'],
    ['an unknown file version', '{"sluice": 99, "name": "x", "nodes": [], "edges": []}'],
  ] as const) {
    it(`refuses to paste ${what} with a message and leaves the graph unchanged`, () => {
      const store = storeWith(BASE);
      const doc = store.getState().doc;
      const result = store.getState().pasteText(text);
      expect(result.ok).toBe(false);
      if (!result.ok)
        expect(result.message).toMatch(
          /^Cannot paste: the clipboard does not hold a Sluice workflow \(.+\)\.$/,
        );
      expect(store.getState().doc).toBe(doc);
      expect(store.getState().undoStack).toHaveLength(0);
    });
  }

  it('renames clashing ids on paste and keeps edges between pasted nodes', () => {
    const store = storeWith(BASE);
    store.getState().select({ nodes: ['numbers1', 'double1'], edges: [], notes: [] });
    const text = store.getState().copySelection()!;
    const copied = JSON.parse(text) as Workflow;
    expect(copied.nodes.map((n) => n.id).sort()).toEqual(['double1', 'numbers1']);
    expect(copied.edges.map((e) => e.id)).toEqual(['e1']);
    const result = store.getState().pasteText(text, { x: 0, y: 300 });
    if (!result.ok) throw new Error(result.message);
    expect([...result.value.nodes].sort()).toEqual(['double2', 'numbers2']);
    expect(result.value.edges).toEqual(['e2']);
    const pasted = store.getState().doc.edges.at(-1)!;
    expect(pasted).toMatchObject({ source: 'numbers2', target: 'double2' });
    expect(store.getState().doc.nodes.find((n) => n.id === 'numbers2')!.position).toEqual({ x: 0, y: 300 });
    expect([...store.getState().selection.nodes].sort()).toEqual(['double2', 'numbers2']);
  });
});

describe('editor store: files', () => {
  it('open then serialize without edits gives identical bytes', () => {
    const text = serializeWorkflow({
      ...BASE,
      description: 'A test',
      notes: [{ id: 'note1', text: 'Hello', position: { x: 1, y: 2 }, width: 200, height: 100 }],
      viewport: { x: 10, y: 20, zoom: 0.8 },
    });
    const store = createEditorStore({ checkDelayMs: 0 });
    expect(store.getState().loadDocument('x.sluice.json', text)).toEqual({ ok: true });
    expect(store.getState().serialize()).toBe(text);
    expect(store.getState().isDirty()).toBe(false);
  });

  it('refuses to open a malformed file and keeps the current document', () => {
    const store = storeWith(BASE);
    const doc = store.getState().doc;
    const result = store.getState().loadDocument('bad.sluice.json', '{ nope');
    expect(result.ok).toBe(false);
    expect(store.getState().doc).toBe(doc);
  });

  it('tracks dirtiness across save, undo and redo', () => {
    const store = storeWith(BASE);
    store.getState().renameNode('double1', 'A');
    store.getState().markSaved('a.sluice.json');
    expect(store.getState().isDirty()).toBe(false);
    store.getState().undo();
    expect(store.getState().isDirty()).toBe(true);
    store.getState().redo();
    expect(store.getState().isDirty()).toBe(false);
  });

  it('keeps recent files, newest first, without duplicates', () => {
    const data = new Map<string, string>();
    const storage = {
      getItem: (k: string) => data.get(k) ?? null,
      setItem: (k: string, v: string) => void data.set(k, v),
    };
    const store = createEditorStore({ storage, checkDelayMs: 0 });
    store.getState().addRecent('a');
    store.getState().addRecent('b');
    store.getState().addRecent('a');
    expect(store.getState().recent).toEqual(['a', 'b']);
    expect(createEditorStore({ storage }).getState().recent).toEqual(['a', 'b']);
  });
});

describe('editor store: connections and checks', () => {
  it('refuses an incompatible connection with the reason and records nothing', () => {
    const store = storeWith(BASE);
    store.getState().addNode('test.rows', { x: 0, y: 300 });
    const steps = store.getState().undoStack.length;
    const result = store
      .getState()
      .connect({ source: 'rows1', sourcePort: 'table', target: 'pass1', targetPort: 'in' });
    expect(result.ok).toBe(true);
    const bad = store
      .getState()
      .connect({ source: 'rows1', sourcePort: 'table', target: 'double1', targetPort: 'in' });
    expect(bad.ok).toBe(false);
    // double1.in already has e1; a second edge into a single-edge input is refused first.
    if (!bad.ok) expect(bad.message).toMatch(/double1\.in/);
    store.getState().select({ nodes: [], edges: ['e1'], notes: [] });
    store.getState().deleteSelection();
    const refused = store
      .getState()
      .connect({ source: 'rows1', sourcePort: 'table', target: 'double1', targetPort: 'in' });
    expect(refused).toEqual({ ok: false, message: 'table{id:number} does not fit number' });
    expect(store.getState().undoStack.length).toBe(steps + 2);
  });

  it('resolves generic port types as edges are drawn and marks faulty nodes', () => {
    const store = storeWith(BASE);
    expect(store.getState().portTypes['pass1']!.outputs['out']).not.toBe('number');
    store.getState().connect({ source: 'double1', sourcePort: 'out', target: 'pass1', targetPort: 'in' });
    expect(store.getState().portTypes['pass1']!.outputs['out']).toBe('number');
    store.getState().setParam('double1', 'factor', 'not a number');
    expect(store.getState().faultyNodes.has('double1')).toBe(true);
    expect(store.getState().problems.some((p) => p.nodeId === 'double1' && p.field === 'factor')).toBe(true);
  });
});
