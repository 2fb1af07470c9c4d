// Linted as renderer/src/canvas/fixture.ts and type-checked in the renderer's program: everything
// here is on the renderer's allow-list, so neither check reports anything.
import { useMemo } from 'react';
import { create } from 'zustand';
import type { Node } from '@xyflow/react';
import type { RunEvent } from '../../../engine/model/run.js';
import { HostError } from '../../../engine/hostApi/errors.js';
import { RUN_LABELS } from '../run/statusLabels.js';

export const useCount = create<{ n: number }>(() => ({ n: 0 }));
export const useNodes = (nodes: Node[]) => useMemo(() => nodes.length, [nodes]);
export const events: RunEvent[] = [];
export const failure = new HostError('x');
export const label = RUN_LABELS.running;
