import { describe, expect, it } from 'vitest';
import type { NodeTypeInfo } from '../../../engine/model/nodeTypeInfo.js';
import type { Workflow } from '../../../engine/model/workflow.js';
import { boundsOf, boxesByStatus, fitMapping, nodeBoxes, openingViewport, viewBox } from './graphBoxes.js';
import { NODE_WIDTH, nodeHeight } from './layoutMetrics.js';

const TYPES = new Map<string, NodeTypeInfo>([
  [
    't.two',
    {
      type: 't.two',
      title: 'Two',
      category: 'Transform',
      description: '',
      inputs: [
        { name: 'a', type: 'number' },
        { name: 'b', type: 'number' },
      ],
      outputs: [{ name: 'out', type: 'number' }],
      params: [],
    },
  ],
]);

const doc: Workflow = {
  sluice: 1,
  name: 'w',
  nodes: [
    { id: 'p', type: 't.two', params: {}, position: { x: 0, y: 0 } },
    { id: 'q', type: 'gone.type', params: {}, position: { x: 400, y: 300 } },
  ],
  edges: [],
};

describe('graph boxes', () => {
  it('sizes nodes from their ports, unknown types as one row', () => {
    const boxes = nodeBoxes(doc, TYPES);
    expect(boxes.get('p')).toEqual({ x: 0, y: 0, w: NODE_WIDTH, h: nodeHeight(2, 1) });
    expect(boxes.get('q')).toEqual({ x: 400, y: 300, w: NODE_WIDTH, h: nodeHeight(0, 0) });
    expect(boundsOf(boxes.values(), 10)).toEqual({
      x: -10,
      y: -10,
      w: 400 + NODE_WIDTH + 20,
      h: 300 + nodeHeight(0, 0) + 20,
    });
    expect(boundsOf([])).toEqual({ x: 0, y: 0, w: 1, h: 1 });
  });

  it('groups boxes by the colour of their live status; unknown nodes and statuses are left out', () => {
    const boxes = nodeBoxes(doc, TYPES);
    const groups = boxesByStatus(boxes, {
      p: { status: 'failed' },
      q: { status: 'failed' },
      ghost: { status: 'running' },
    });
    expect([...groups.keys()]).toEqual(['--danger']);
    expect(groups.get('--danger')).toHaveLength(2);
  });

  it('maps the graph and the view into the minimap, centred, and the view back from the transform', () => {
    // React Flow's transform [x, y, zoom]: the view at zoom 2 shifted by (-200, -100) screen px.
    expect(viewBox([-200, -100, 2], 800, 600)).toEqual({ x: 100, y: 50, w: 400, h: 300 });
    const m = fitMapping({ x: 100, y: 50, w: 400, h: 100 }, 200, 150, 10);
    expect(m.scale).toBeCloseTo(180 / 400);
    // Wider than tall: it fills the width and is centred vertically.
    expect(m.ox).toBeCloseTo(10);
    expect(m.oy).toBeCloseTo((150 - 100 * m.scale) / 2);
    const toPx = (x: number, y: number) => [(x - m.x0) * m.scale + m.ox, (y - m.y0) * m.scale + m.oy];
    expect(toPx(100, 50)[0]).toBeCloseTo(10);
    expect(toPx(500, 150)[0]).toBeCloseTo(190);
  });

  it('frames an opened graph: small ones centred at 100 %, mid ones fitted, huge ones from their start', () => {
    // Fits at 100 %: centred, not enlarged.
    expect(openingViewport({ x: 0, y: -80, w: 400, h: 200 }, 1000, 600)).toEqual({ x: 300, y: 280, zoom: 1 });
    // Twice the canvas: fitted at about 50 %.
    const mid = openingViewport({ x: 0, y: 0, w: 1840, h: 500 }, 1000, 600);
    expect(mid.zoom).toBeCloseTo(0.5);
    expect(mid.x).toBeCloseTo(40);
    // Too big to read when fitted: 100 %, its top-left corner in view.
    expect(openingViewport({ x: -500, y: 200, w: 30000, h: 20000 }, 1000, 600)).toEqual({
      x: 540,
      y: -160,
      zoom: 1,
    });
    expect(openingViewport(null, 1000, 600)).toEqual({ x: 40, y: 40, zoom: 1 });
  });
});
