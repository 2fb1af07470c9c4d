// Where pasted or imported nodes go: at the pointer (or a little off the originals), then moved down
// past any node they would cover, so a paste never lands on top of what is there.
import type { NodeTypeInfo } from '../../../engine/model/nodeTypeInfo.js';
import type { Position, Workflow } from '../../../engine/model/workflow.js';
import { boundsOf, nodeBoxes, type Box } from '../canvas/graphBoxes.js';

const GAP = 30;
/** Without a pointer, a copy goes this far right and down of where its originals were. */
export const PASTE_OFFSET = 40;

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.w + GAP && b.x < a.x + a.w + GAP && a.y < b.y + b.h + GAP && b.y < a.y + a.h + GAP;
}

/** The offset to add to `incoming`'s positions so that it sits at `at` (its top-left) clear of `doc`. */
export function clearOffset(
  doc: Workflow,
  incoming: Workflow,
  types: ReadonlyMap<string, NodeTypeInfo>,
  at: Position | undefined,
): Position {
  const own = [...nodeBoxes(incoming, types).values()];
  const positions = [...incoming.nodes, ...(incoming.notes ?? [])].map((n) => n.position);
  if (positions.length === 0) return { x: 0, y: 0 };
  const origin = { x: Math.min(...positions.map((p) => p.x)), y: Math.min(...positions.map((p) => p.y)) };
  const dx = at ? at.x - origin.x : PASTE_OFFSET;
  let dy = at ? at.y - origin.y : PASTE_OFFSET;
  if (own.length === 0) return { x: dx, y: dy };
  const b = boundsOf(own);
  const existing = [...nodeBoxes(doc, types).values()];
  // Each step moves strictly down past what it hit, so this ends.
  for (;;) {
    const moved = { x: b.x + dx, y: b.y + dy, w: b.w, h: b.h };
    const hits = existing.filter((e) => overlaps(e, moved));
    if (hits.length === 0) return { x: dx, y: dy };
    dy = Math.max(...hits.map((h) => h.y + h.h)) + GAP + 1 - b.y;
  }
}
