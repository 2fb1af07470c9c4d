// Names and icons of run and node states, shared by the status bar, the nodes and the panels.
import type { NodeStatus, RunStatus } from '../../../engine/model/run.js';

export const RUN_LABELS: Record<RunStatus, string> = {
  ready: 'Ready',
  running: 'Running',
  paused: 'Paused',
  cancelled: 'Cancelled',
  failed: 'Failed',
  completed: 'Completed',
};

export const NODE_LABELS: Record<NodeStatus | 'idle' | 'problem', string> = {
  idle: 'Ready',
  problem: 'Has problems',
  pending: 'Pending',
  starting: 'Starting',
  running: 'Running',
  retrying: 'Retrying',
  paused: 'Paused',
  completed: 'Completed',
  failed: 'Failed',
  cancelled: 'Cancelled',
  skipped: 'Skipped (disabled)',
};

/** A bypassed node's `skipped`: it did not run, and its input went on to its consumers. */
export const BYPASSED_LABEL = 'Bypassed (input passed through)';

/** Text icons; `running` is drawn as a CSS spinner instead. */
export const NODE_ICONS: Record<NodeStatus | 'idle' | 'problem', string> = {
  idle: '',
  problem: '!',
  pending: '◷',
  starting: '◔',
  running: '',
  retrying: '↻',
  paused: '⏸',
  completed: '✓',
  failed: '✕',
  cancelled: '⊘',
  skipped: '⤼',
};
