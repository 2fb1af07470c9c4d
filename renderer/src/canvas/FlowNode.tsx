// One workflow node on the canvas: title, typed ports coloured by type family, and a status area
// (`data-status`) that the live-run work fills. Memoized: React Flow re-renders it only when its
// derived flow node object changes (see canvas/derive.ts).

import { memo } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import type { PortSpec } from '../../../engine/model/nodeTypeInfo.js';
import { nodeMode } from '../../../engine/model/workflow.js';
import type { SluiceFlowNode } from './derive.js';
import { displayType, typeFamily } from './typeFamily.js';
import { NodeErrorBadge, NodeStatusArea } from './NodeStatusArea.js';
import { useRun } from '../run/runStore.js';
import { categoryClass } from '../components/Palette.js';

function PortRow({ port, type, side }: { port: PortSpec; type: string; side: 'in' | 'out' }) {
  const family = typeFamily(type);
  const title = `${port.name}: ${type}${port.multi ? ' (takes many edges)' : ''}${port.optional ? ' (optional)' : ''}`;
  return (
    <div className={`port-row port-${side}`} title={title} data-testid={`port-${side}-${port.name}`}>
      <Handle
        type={side === 'in' ? 'target' : 'source'}
        position={side === 'in' ? Position.Left : Position.Right}
        id={port.name}
        className={`port-handle fam-${family}${port.multi ? ' port-multi' : ''}`}
      />
      <span className="port-name">{port.name}</span>
      <span className="port-type">{displayType(type)}</span>
    </div>
  );
}

export const FlowNode = memo(function FlowNode({ id, data, selected }: NodeProps<SluiceFlowNode>) {
  const { node, info, inputs, outputs, types, faulty } = data;
  const title = node.label ?? info?.title ?? node.type;
  const rows = Math.max(inputs.length, outputs.length, 1);
  // The run status colours the frame; a per-node selector, so a status change re-renders this node only.
  const runStatus = useRun((s) => s.run?.nodes[id]?.status);
  const mode = nodeMode(node);
  return (
    <div
      className={`flow-node${selected ? ' selected' : ''}${faulty ? ' faulty' : ''}${info ? '' : ' unknown'}${mode === 'active' ? '' : ` ${mode}`}`}
      data-disabled={mode === 'disabled'}
      data-mode={mode}
      data-testid={`node-${id}`}
      data-node-type={node.type}
      data-category={info?.category ?? 'Unknown'}
      data-run-status={runStatus}
    >
      <div className={`flow-node-header cat-${categoryClass(info?.category ?? 'unknown')}`}>
        <span className="flow-node-title" data-testid="node-title">
          {title}
        </span>
        {mode === 'disabled' && (
          <span className="flow-node-off" title="Disabled: skipped when the workflow runs">
            off
          </span>
        )}
        {mode === 'bypassed' && (
          <span className="flow-node-off bypass" title="Bypassed: its input goes straight to its outputs">
            bypass
          </span>
        )}
        <span className="flow-node-id">{id}</span>
      </div>
      <div className="flow-node-ports" style={{ gridTemplateRows: `repeat(${rows}, var(--port-row))` }}>
        <div className="port-col">
          {inputs.map((p) => (
            <PortRow key={p.name} port={p} type={types?.inputs[p.name] ?? p.type} side="in" />
          ))}
        </div>
        <div className="port-col port-col-out">
          {outputs.map((p) => (
            <PortRow key={p.name} port={p} type={types?.outputs[p.name] ?? p.type} side="out" />
          ))}
        </div>
      </div>
      <NodeStatusArea nodeId={id} faulty={faulty} bypassed={mode === 'bypassed'} />
      <NodeErrorBadge nodeId={id} />
    </div>
  );
});
