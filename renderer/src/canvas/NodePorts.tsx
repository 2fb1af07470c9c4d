// The selected node's ports with their resolved types: generics substituted, and a table's columns
// as the host worked them out before the run (a CSV's header, a query's DESCRIBE).

import { memo } from 'react';
import type { PortType } from '../../../engine/types/index.js';
import { formatType, tryParseType } from '../../../engine/types/index.js';
import { useEditor, type EditorState } from '../store/index.js';
import { typeFamily } from './typeFamily.js';

function PortLine({ name, type, side }: { name: string; type: string; side: 'in' | 'out' }) {
  const result = tryParseType(type);
  const parsed: PortType | undefined = result.ok ? result.type : undefined;
  const columns = parsed?.kind === 'table' ? parsed.columns : null;
  return (
    <li className="node-port" data-testid={`inspector-port-${side}-${name}`}>
      <div className="node-port-head">
        <span className={`port-dot fam-${typeFamily(type)}`} />
        <span className="node-port-name">{name}</span>
        <span className="node-port-type mono">
          {columns ? `table · ${columns.length} column${columns.length === 1 ? '' : 's'}` : type}
        </span>
      </div>
      {columns && (
        <ul className="node-port-columns mono">
          {columns.map((c) => (
            <li key={c.name}>
              <span>{c.name}</span>
              <span className="node-port-coltype">{formatType(c.type)}</span>
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

function PortList({
  title,
  side,
  ports,
}: {
  title: string;
  side: 'in' | 'out';
  ports: Array<[string, string]>;
}) {
  if (ports.length === 0) return null;
  return (
    <>
      <div className="section-title">{title}</div>
      <ul className="node-ports">
        {ports.map(([name, type]) => (
          <PortLine key={name} name={name} type={type} side={side} />
        ))}
      </ul>
    </>
  );
}

export const NodePorts = memo(function NodePorts({ nodeId }: { nodeId: string }) {
  const types = useEditor((s: EditorState) => s.portTypes[nodeId]);
  if (!types) return null;
  const inputs = Object.entries(types.inputs);
  const outputs = Object.entries(types.outputs);
  if (inputs.length + outputs.length === 0) return null;
  return (
    <div className="inspector-section" data-testid="inspector-ports">
      <PortList title="Inputs" side="in" ports={inputs} />
      <PortList title="Outputs" side="out" ports={outputs} />
    </div>
  );
});
