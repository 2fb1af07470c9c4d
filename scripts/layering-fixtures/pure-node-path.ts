// Linted as engine/model/fixture.ts: a pure engine module (the renderer bundles it) imports Node.
import path from 'node:path';

export const join = (a: string, b: string) => path.join(a, b);
