// Linted as renderer/src/files.fixture.ts: a module loaded by a name the lint cannot read.
export async function load(name: string): Promise<unknown> {
  return import(name);
}
