// Linted as engine/check/fixture.ts: a pure engine module imports the engine's host side.
import { createRegistry } from '../nodes/registry.js';

export const registry = createRegistry;
