// Linted as renderer/src/files.fixture.ts: a Node built-in loaded by dynamic import().
export async function read(path: string): Promise<string> {
  const fs = await import('node:fs');
  return fs.readFileSync(path, 'utf8');
}
