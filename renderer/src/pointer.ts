// The last pointer position over the canvas in flow coordinates: Paste puts the copied nodes there.
// Mutable module state, not store state: it changes on every mouse move and nothing renders from it.
import type { Position } from '../../engine/model/workflow.js';

export const pointer: { flow: Position | null } = { flow: null };
