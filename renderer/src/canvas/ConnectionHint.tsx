// While a wire is dragged over a port, says why it does not fit ("table{id:number} does not fit
// number"); React Flow itself only greys the port out.

import { useConnection, ViewportPortal, type ConnectionState } from '@xyflow/react';
import { checkConnection } from '../../../engine/check/index.js';
import { useEditorStore, type EditorStore } from '../store/index.js';

function refusal(c: ConnectionState, editorStore: EditorStore): string | null {
  if (!c.inProgress || !c.fromHandle || !c.toHandle) return null;
  const from = c.fromHandle;
  const to = c.toHandle;
  if (!from.id || !to.id) return null;
  const [src, dst] = from.type === 'source' ? [from, to] : [to, from];
  if (src.type !== 'source' || dst.type !== 'target') return 'An output connects to an input.';
  const { doc, typesById } = editorStore.getState();
  const verdict = checkConnection(doc, typesById, {
    source: src.nodeId,
    sourcePort: src.id!,
    target: dst.nodeId,
    targetPort: dst.id!,
  });
  return verdict.ok ? null : verdict.reason;
}

export function ConnectionHint() {
  const connection = useConnection();
  const reason = refusal(connection, useEditorStore());
  if (!reason || !connection.to) return null;
  return (
    <ViewportPortal>
      <div
        className="connection-hint"
        data-testid="connection-refusal"
        role="status"
        style={{ transform: `translate(${connection.to.x + 14}px, ${connection.to.y + 14}px)` }}
      >
        {reason}
      </div>
    </ViewportPortal>
  );
}
