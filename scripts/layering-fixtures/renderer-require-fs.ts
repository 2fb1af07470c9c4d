// Linted as renderer/src/files.fixture.ts: a Node built-in loaded by require().
// eslint-disable-next-line @typescript-eslint/no-require-imports
const fs = require('fs') as { existsSync(path: string): boolean };

export const exists = (path: string) => fs.existsSync(path);
