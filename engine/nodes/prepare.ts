// What a pre-started worker sets up for its preloaded modules while it waits for a node, so the
// run does not pay for it: a DuckDB database for '@duckdb/node-api'.

import { warmUp as openDuckDB } from './data/lib/duck.js';

const preparers: Record<string, () => Promise<void>> = {
  '@duckdb/node-api': openDuckDB,
};

/** Prepares what `modules` are for; resolves when done and never rejects (the node reports failures). */
export async function prepareModules(modules: readonly string[]): Promise<void> {
  await Promise.all(modules.map((m) => preparers[m]?.()));
}
