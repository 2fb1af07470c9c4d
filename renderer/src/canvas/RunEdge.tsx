// A workflow edge with its run counters: messages sent / received as a label, and a dashed amber
// animated stroke while the channel is full (the sender waits: back-pressure). It reads its own
// edge's counts only, so one edge's change re-renders one edge.

import { memo } from 'react';
import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from '@xyflow/react';
import { formatCount } from '../run/runState.js';
import { useEdgeCount } from '../run/runStore.js';

export const RunEdge = memo(function RunEdge(props: EdgeProps) {
  const { id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, markerEnd, style } = props;
  const count = useEdgeCount(id);
  const [path, labelX, labelY] = getBezierPath({
    sourceX,
    sourceY,
    sourcePosition,
    targetX,
    targetY,
    targetPosition,
  });
  const full = count?.full === true;
  const flowing = count !== undefined && count.sent > 0;
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        {...(markerEnd !== undefined ? { markerEnd } : {})}
        {...(style !== undefined ? { style } : {})}
        {...(props.interactionWidth !== undefined ? { interactionWidth: props.interactionWidth } : {})}
        className={full ? 'edge-full' : flowing ? 'edge-flowing' : undefined}
      />
      {count && (
        <EdgeLabelRenderer>
          <div
            className={`edge-count${full ? ' full' : ''}`}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
            data-testid={`edge-count-${id}`}
            data-full={full}
            data-sent={count.sent}
            data-received={count.received}
            title={`${count.sent} sent · ${count.received} received${full ? ' · channel full: the sender waits' : ''}`}
          >
            {count.sent === count.received ? (
              formatCount(count.sent)
            ) : (
              <>
                {formatCount(count.sent)}
                <span className="edge-count-sep">→</span>
                {formatCount(count.received)}
              </>
            )}
            {full && <span className="edge-count-full">full</span>}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
});
