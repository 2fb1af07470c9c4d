// Data-pipeline node types (CSV, SQL, databases, files): filled in by the data-pipeline work.
import type { NodeDefinition } from '../../sdk/index.js';

export const dataNodes: NodeDefinition<never>[] = [];
