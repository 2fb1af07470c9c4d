// Vitest global setup: bundle the engine so integration tests fork the same worker the CLI uses.
import { buildEngine } from '../../scripts/build.mjs';

export default async function setup(): Promise<void> {
  await buildEngine();
}
