// The core node types: sources, transforms and sinks that exercise the runtime.
import type { NodeDefinition } from '../../sdk/index.js';
import delay from './delay.js';
import fail from './fail.js';
import filter from './filter.js';
import map from './map.js';
import sequence from './sequence.js';
import { collect, log } from './sinks.js';

export const coreNodes: NodeDefinition<never>[] = [
  sequence,
  map,
  filter,
  delay,
  collect,
  log,
  fail,
] as NodeDefinition<never>[];
