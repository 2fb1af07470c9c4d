// Checked as renderer/src/run/fixture.ts: a Node global in a page. Lint (no-restricted-globals) and
// the renderer's type-check (TS2591, no Node types in the program) both refuse it.
export const here = process.cwd();
