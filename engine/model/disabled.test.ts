// The `disabled` and `bypassed` node fields (issue 12): saved in their canonical place, loaded back, absent by default.
import { describe, expect, it } from 'vitest';
import { parseWorkflow } from './load.js';
import { serializeWorkflow } from './save.js';
import { nodeMode, type Workflow } from './workflow.js';

const base: Workflow = {
  sluice: 1,
  name: 'Off',
  nodes: [
    {
      id: 'a',
      type: 'core.map',
      label: 'Square',
      disabled: true,
      params: { code: 'x => x' },
      position: { x: 0, y: 0 },
    },
    { id: 'b', type: 'core.log', params: {}, position: { x: 10, y: 0 } },
  ],
  edges: [],
};

describe('disabled nodes in the workflow file', () => {
  it('saves `disabled: true` after the label and before the params, and loads it back', () => {
    const text = serializeWorkflow(base);
    const a = (JSON.parse(text) as { nodes: Array<Record<string, unknown>> }).nodes[0]!;
    expect(Object.keys(a)).toEqual(['id', 'type', 'label', 'disabled', 'params', 'position']);
    const parsed = parseWorkflow(text);
    expect(parsed.workflow?.nodes[0]?.disabled).toBe(true);
    expect(serializeWorkflow(parsed.workflow!)).toBe(text);
  });

  it('writes nothing for an enabled node, and a version-1 file without the field loads unchanged', () => {
    const enabled: Workflow = { ...base, nodes: base.nodes.map(({ disabled: _d, ...n }) => n) };
    const text = serializeWorkflow(enabled);
    expect(text).not.toContain('disabled');
    const parsed = parseWorkflow(text);
    expect(parsed.problems).toEqual([]);
    expect(parsed.workflow).toEqual(enabled);
  });

  it('refuses a disabled field that is not a boolean, naming the node', () => {
    const text = serializeWorkflow(base).replace('"disabled": true', '"disabled": "yes"');
    const parsed = parseWorkflow(text);
    expect(parsed.workflow).toBeUndefined();
    expect(parsed.problems[0]).toMatchObject({ nodeId: 'a' });
    expect(parsed.problems[0]!.message).toContain('disabled');
  });
});

describe('bypassed nodes in the workflow file', () => {
  const bypassed: Workflow = {
    ...base,
    nodes: base.nodes.map(({ disabled: _d, ...n }) => (n.id === 'a' ? { ...n, bypassed: true } : n)),
  };

  it('saves `bypassed: true` in its canonical place, loads it back, and reads as the node’s mode', () => {
    const text = serializeWorkflow(bypassed);
    const a = (JSON.parse(text) as { nodes: Array<Record<string, unknown>> }).nodes[0]!;
    expect(Object.keys(a)).toEqual(['id', 'type', 'label', 'bypassed', 'params', 'position']);
    const parsed = parseWorkflow(text);
    expect(parsed.workflow?.nodes[0]?.bypassed).toBe(true);
    expect(serializeWorkflow(parsed.workflow!)).toBe(text);
    expect(parsed.workflow!.nodes.map(nodeMode)).toEqual(['bypassed', 'active']);
    expect(nodeMode(base.nodes[0]!)).toBe('disabled');
  });

  it('refuses a node both disabled and bypassed, naming the node', () => {
    const text = serializeWorkflow(base).replace('"disabled": true', '"disabled": true, "bypassed": true');
    const parsed = parseWorkflow(text);
    expect(parsed.workflow).toBeUndefined();
    expect(parsed.problems[0]).toMatchObject({ nodeId: 'a' });
    expect(parsed.problems[0]!.message).toBe(
      'nodes[0].bypassed (node "a"): a node is either disabled or bypassed, not both',
    );
  });
});
